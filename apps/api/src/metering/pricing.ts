/**
 * One bracket of the graduated price: requests of a month up to `upTo` (inclusive, null for
 * no bound) cost `pricePer1000` each thousand, counted from the end of the previous bracket.
 */
export interface PriceTier {
  upTo: number | null;
  /** Price of 1,000 requests in millionths of the currency unit, so sums stay exact. */
  microPricePer1000: number;
}

export const defaultPriceTiers = '50000:0,1000000:0.30,4000000:0.20,*:0.16';

/**
 * Parses `upTo:pricePer1000` pairs separated by commas, with `*` as the open last bound,
 * for example `50000:0,1000000:0.30,*:0.16`. Raises an Error stating the rule that failed.
 */
export function parsePriceTiers(text: string): PriceTier[] {
  const tiers: PriceTier[] = [];
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new Error('must list at least one tier');
  for (const [index, part] of parts.entries()) {
    const match = /^(\d+|\*):(\d+(?:\.\d{1,6})?)$/.exec(part);
    if (!match) throw new Error(`tier "${part}" must have the form upTo:pricePer1000, for example 1000000:0.30`);
    const upTo = match[1] === '*' ? null : Number(match[1]);
    const last = index === parts.length - 1;
    if (upTo === null && !last) throw new Error('only the last tier may use * as its bound');
    if (upTo !== null && last) throw new Error('the last tier must use * as its bound');
    const previous = tiers.at(-1)?.upTo ?? 0;
    if (upTo !== null && upTo <= previous) throw new Error(`tier bounds must increase; ${upTo} follows ${previous}`);
    const [whole, fraction = ''] = match[2].split('.');
    tiers.push({ upTo, microPricePer1000: Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0')) });
  }
  return tiers;
}

/**
 * Charge of `requests` requests in one month under graduated tiers, in cents, rounded half
 * up. 60,000 requests under the default tiers: 10,000 at 0.30 per 1,000 = 300 cents.
 */
export function monthlyChargeCents(requests: number, tiers: PriceTier[]): number {
  let micro = 0;
  let lower = 0;
  for (const tier of tiers) {
    const upper = tier.upTo ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(requests, upper) - lower);
    micro += inTier * tier.microPricePer1000;
    lower = upper;
    if (requests <= upper) break;
  }
  // micro is millionths per 1,000 requests: divide by 1,000 for millionths, by 10,000 more for cents.
  return Math.round(micro / 10_000_000);
}

export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
