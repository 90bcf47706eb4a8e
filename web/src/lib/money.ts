/**
 * Money as the API sends it: decimal strings with exactly two decimals ("6.40"). The console
 * computes in integer cents and never in floating point.
 */
const API_MONEY = /^(\d+)\.(\d{2})$/;
const PRICE_INPUT = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/** Cents of an API amount; throws on anything the API would never send. */
export function centsOf(amount: string): number {
  const match = API_MONEY.exec(amount);
  if (!match) throw new Error(`Not an amount: "${amount}"`);
  return Number(match[1]) * 100 + Number(match[2]);
}

/** "1234.50" or 123450 cents → "1,234.50". */
export function formatMoney(amount: string | number): string {
  const cents = typeof amount === 'number' ? amount : centsOf(amount);
  if (!Number.isSafeInteger(cents)) throw new Error(`Not a number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100);
  const fraction = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${sign}${whole.toLocaleString('en-US')}.${fraction}`;
}

/** The line total the API computes, for a quantity being typed in: unit price × quantity. */
export function lineTotal(unitPrice: string, quantity: number): string {
  return formatMoney(centsOf(unitPrice) * quantity);
}

/**
 * What an employee types as a price ("6", "6.4", "6,40") as the API's amount ("6.40"), or
 * undefined when it is not a price the API takes (0.00 to 999.99).
 */
export function parsePriceInput(text: string): string | undefined {
  const match = PRICE_INPUT.exec(text.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return `${Number(match[1])}.${fraction}`;
}
