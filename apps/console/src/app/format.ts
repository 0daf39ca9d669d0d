const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const integer = new Intl.NumberFormat();

/** Formats an ISO timestamp in the browser's locale and time zone; "—" for null. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? date.format(new Date(value)) : '—';
}

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** Formats an amount such as "3.00" with its ISO 4217 currency code. */
export function formatMoney({ amount, currency }: { amount: string; currency: string }): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(amount));
}
