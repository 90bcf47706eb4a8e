import * as z from 'zod';

/** Money travels as a decimal string with exactly two decimals and is stored and summed as integer cents. */
export const MAX_PRICE_CENTS = 99_999;

export function toCents(price: string): number {
  const [units, cents] = price.split('.');
  return Number(units) * 100 + Number(cents);
}

export function formatCents(cents: number): string {
  const units = Math.floor(cents / 100);
  return `${units}.${String(cents % 100).padStart(2, '0')}`;
}

export const price = z
  .string({ error: (issue) => (issue.input === undefined ? 'Required' : 'Must be a decimal string such as "6.40"') })
  .trim()
  .regex(/^\d{1,3}\.\d{2}$/, 'Must be a decimal string with two decimals, "0.00" to "999.99"')
  .transform(toCents);
