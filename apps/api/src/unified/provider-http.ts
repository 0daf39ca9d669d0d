import { AppError, badUserInput } from '../graphql/errors';
import { ProviderUnauthorizedError } from '../integrations/integration-access';

/** Query parameters; undefined values are skipped and arrays repeat the name. */
export type QueryParams = Record<string, string | number | boolean | undefined | null | readonly string[]>;

export interface ProviderRequest {
  method?: string;
  /** A path appended to the client's base URL, or an absolute URL (for example an @odata.nextLink). */
  path: string;
  query?: QueryParams;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** A raw body; set `content-type` in `headers`. */
  body?: string | Uint8Array;
}

export interface ProviderHttpOptions {
  accessToken: string;
  apiBaseUrl: string;
  /** Provider name used in error messages, for example "Gmail". */
  providerName: string;
  /** Milliseconds before a request is abandoned as PROVIDER_UNAVAILABLE. */
  timeoutMs: number;
  /** Called after every HTTP exchange; used for request counting and logs. */
  onExchange?: (exchange: { method: string; url: string; status: number; durationMs: number }) => void;
}

/** Seconds a caller waits when a 429 carries no usable Retry-After header. */
export const defaultRetryAfterSeconds = 30;

/**
 * Parses a Retry-After header (delta-seconds or an HTTP date, RFC 9110 section 10.2.3)
 * into whole seconds from `now`; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Google's reasons for a 403 that means "slow down" rather than "not allowed". */
const rateLimitReasons = /rateLimitExceeded|userRateLimitExceeded|quotaExceeded|dailyLimitExceeded/;

/**
 * Maps a provider's HTTP error status to the unified error model, or returns null for a
 * success. A 401 becomes ProviderUnauthorizedError so that IntegrationAccess refreshes the
 * token and retries once. The provider's body is only inspected, never copied into a
 * message, because it may echo request data.
 */
export function providerErrorFor(
  status: number,
  headers: { get(name: string): string | null },
  bodyText: string,
  providerName: string,
): Error | null {
  if (status < 400) return null;
  if (status === 401) return new ProviderUnauthorizedError(`${providerName} rejected the access token (HTTP 401).`);
  if (status === 404 || status === 410) return new AppError('NOT_FOUND', `${providerName} has no such item.`);
  if (status === 429 || (status === 403 && rateLimitReasons.test(bodyText))) {
    const retryAfterSeconds = parseRetryAfter(headers.get('retry-after')) ?? defaultRetryAfterSeconds;
    return new AppError('PROVIDER_RATE_LIMITED', `${providerName} is rate limiting requests; retry after ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
      provider: providerName,
    });
  }
  if (status === 403) {
    return new AppError(
      'NEEDS_REAUTHORIZATION',
      `${providerName} refused the request (HTTP 403): the integration lacks a permission; connect it again to grant it.`,
    );
  }
  if (status === 400 || status === 413 || status === 422) {
    return badUserInput('input', `${providerName} rejected the request as invalid (HTTP ${status}).`);
  }
  return new AppError('PROVIDER_UNAVAILABLE', `${providerName} failed (HTTP ${status}); try again later.`, {
    provider: providerName,
    providerStatus: status,
  });
}

/** Builds `base + path` (or takes `path` when absolute) with the query appended. */
export function buildProviderUrl(apiBaseUrl: string, path: string, query?: QueryParams): URL {
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(apiBaseUrl.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, item);
    else url.searchParams.set(name, String(value));
  }
  return url;
}

/**
 * Calls one provider API with a bearer token, a timeout and the unified error mapping.
 * Adapters create one per call of IntegrationAccess.withCredentials.
 */
export class ProviderHttp {
  constructor(private readonly options: ProviderHttpOptions) {}

  get providerName(): string {
    return this.options.providerName;
  }

  /** Sends the request; returns the response of a 2xx or 3xx status and throws the mapped error otherwise. */
  async request(request: ProviderRequest): Promise<Response> {
    const method = request.method ?? 'GET';
    const url = buildProviderUrl(this.options.apiBaseUrl, request.path, request.query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.accessToken}`,
      accept: 'application/json',
      ...request.headers,
    };
    let body: string | Uint8Array | undefined = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    }

    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body as RequestInit['body'],
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new AppError(
        'PROVIDER_UNAVAILABLE',
        timedOut
          ? `${this.options.providerName} did not respond within ${this.options.timeoutMs} ms; try again later.`
          : `${this.options.providerName} could not be reached; try again later.`,
        { provider: this.options.providerName },
      );
    }
    this.options.onExchange?.({
      method,
      url: url.origin + url.pathname,
      status: response.status,
      durationMs: performance.now() - started,
    });

    if (response.status >= 400) {
      const text = await response.text().catch(() => '');
      throw providerErrorFor(response.status, response.headers, text, this.options.providerName) as Error;
    }
    return response;
  }

  /** Sends the request and parses a JSON body; an empty body (204) returns undefined. */
  async json<T>(request: ProviderRequest): Promise<T> {
    const response = await this.request(request);
    const text = await this.readBody(response);
    if (text.length === 0) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AppError('PROVIDER_UNAVAILABLE', `${this.options.providerName} returned a response that is not valid JSON.`, {
        provider: this.options.providerName,
      });
    }
  }

  /** Sends the request and returns the body as bytes. */
  async bytes(request: ProviderRequest): Promise<Buffer> {
    const response = await this.request(request);
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch {
      throw this.truncatedBody();
    }
  }

  private async readBody(response: Response): Promise<string> {
    try {
      return await response.text();
    } catch {
      throw this.truncatedBody();
    }
  }

  private truncatedBody(): AppError {
    return new AppError('PROVIDER_UNAVAILABLE', `${this.options.providerName} stopped sending the response; try again later.`, {
      provider: this.options.providerName,
    });
  }
}

/** Runs `work` over `items` with at most `limit` calls in flight, keeping the order of results. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}
