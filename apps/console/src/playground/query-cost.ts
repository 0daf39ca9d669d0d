/** `extensions.cost` of a metered response, as the API reports it. */
export interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number;
  maximumQueryCost?: number;
  throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
  usage?: { requestsUsed?: number; requestsLimit?: number | null };
}

export function readQueryCost(body: unknown): QueryCost | null {
  if (!body || typeof body !== 'object') return null;
  const cost = (body as { extensions?: { cost?: unknown } }).extensions?.cost;
  return cost && typeof cost === 'object' ? (cost as QueryCost) : null;
}
