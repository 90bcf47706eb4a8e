import { describe, expect, it } from 'vitest';
import { formatCents, MAX_PRICE_CENTS, price, toCents } from '../../functions/core/money';
import { orderTotalCents, type OrderLine } from '../../functions/core/orders';

const line = (quantity: number, unitPriceCents: number): OrderLine => ({ itemId: `item-${unitPriceCents}`, name: 'x', quantity, unitPriceCents });

describe('toCents and formatCents', () => {
  it('round-trip every price from 0.00 to 999.99 exactly, against an independent oracle', () => {
    const failures: string[] = [];
    for (let cents = 0; cents <= MAX_PRICE_CENTS; cents++) {
      const text = formatCents(cents);
      const expected = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      if (text !== expected || text !== (cents / 100).toFixed(2)) failures.push(`formatCents(${cents}) = ${text}`);
      if (toCents(text) !== cents) failures.push(`toCents(${text}) = ${toCents(text)}`);
      if (failures.length > 5) break;
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['0.00', 0],
    ['0.01', 1],
    ['0.05', 5],
    ['0.10', 10],
    ['0.99', 99],
    ['1.00', 100],
    ['6.40', 640],
    ['19.30', 1930],
    ['999.99', 99_999],
  ])('toCents(%s) = %i', (text, cents) => {
    expect(toCents(text)).toBe(cents);
    expect(formatCents(cents)).toBe(text);
  });

  it('formats totals beyond the price range (order totals) with two decimals', () => {
    expect(formatCents(100_000)).toBe('1000.00');
    expect(formatCents(99_999 * 1000)).toBe('999990.00');
    expect(formatCents(50 * 1000 * 99_999)).toBe('49999500.00');
    expect(formatCents(123_456_789)).toBe('1234567.89');
  });

  it('MAX_PRICE_CENTS is 999.99', () => {
    expect(MAX_PRICE_CENTS).toBe(99_999);
  });
});

describe('the price schema', () => {
  it.each([
    ['0.00', 0],
    ['0.05', 5],
    ['6.40', 640],
    ['999.99', 99_999],
    [' 6.40 ', 640],
  ])('accepts %j as %i cents', (input, cents) => {
    expect(price.parse(input)).toBe(cents);
  });

  it.each([['1000.00'], ['1.5'], [1.5], [640], ['6.4'], ['6.400'], ['-1.00'], ['.50'], ['1,00'], ['1e2'], [''], ['abc'], [null], [undefined], ['0x1.00']])(
    'rejects %j',
    (input) => {
      expect(price.safeParse(input).success).toBe(false);
    },
  );
});

describe('orderTotalCents', () => {
  it('sums quantity × unit price in integer cents: 3 × 6.40 + 2 × 0.05 = 19.30', () => {
    const total = orderTotalCents([line(3, 640), line(2, 5)]);
    expect(total).toBe(1930);
    expect(formatCents(total)).toBe('19.30');
  });

  it('is 0 for no lines', () => {
    expect(orderTotalCents([])).toBe(0);
  });

  it('never drifts the way floating-point sums do', () => {
    // 0.10 + 0.20 in floating point is 0.30000000000000004; in cents it is exact.
    const lines = Array.from({ length: 50 }, (_, index) => line(1, index % 2 === 0 ? 10 : 20));
    expect(orderTotalCents(lines)).toBe(750);
    expect(formatCents(orderTotalCents(lines))).toBe('7.50');
  });

  it('handles the largest possible order (50 lines × 1000 × 999.99) exactly', () => {
    const lines = Array.from({ length: 50 }, () => line(1000, 99_999));
    expect(orderTotalCents(lines)).toBe(4_999_950_000);
    expect(formatCents(orderTotalCents(lines))).toBe('49999500.00');
  });

  it('counts a zero unit price (an employee override) as zero', () => {
    expect(orderTotalCents([line(5, 0), line(1, 99_999)])).toBe(99_999);
  });
});
