import { describe, expect, it } from 'vitest';
import { centsOf, formatMoney, lineTotal, parsePriceInput } from '../../web/src/lib/money';

describe('the console formats money in integer cents', () => {
  it.each([
    ['0.00', 0, '0.00'],
    ['0.05', 5, '0.05'],
    ['6.40', 640, '6.40'],
    ['999.99', 99999, '999.99'],
    ['1234.50', 123450, '1,234.50'],
    ['1000000.00', 100000000, '1,000,000.00'],
  ])('%s is %i cents, shown as %s', (amount, cents, shown) => {
    expect(centsOf(amount)).toBe(cents);
    expect(formatMoney(amount)).toBe(shown);
    expect(formatMoney(cents)).toBe(shown);
  });

  it('every cent value from 0.00 to 20.00 round-trips exactly', () => {
    for (let cents = 0; cents <= 2000; cents++) {
      const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(formatMoney(centsOf(amount))).toBe(amount);
    }
  });

  it('shows a negative amount with its sign', () => {
    expect(formatMoney(-1050)).toBe('-10.50');
  });

  it.each(['6.4', '6', '.40', '6.400', '-1.00', '1e3', ' 6.40', ''])('refuses %j, which the API never sends', (amount) => {
    expect(() => centsOf(amount)).toThrow(/Not an amount/);
  });

  it('refuses a number of cents that is not a safe integer', () => {
    expect(() => formatMoney(0.5)).toThrow(/cents/);
  });

  it('computes a line total without floating point: 3 × 0.10 is 0.30, 7 × 1.15 is 8.05', () => {
    expect(lineTotal('0.10', 3)).toBe('0.30');
    expect(lineTotal('1.15', 7)).toBe('8.05');
    expect(lineTotal('999.99', 1000)).toBe('999,990.00');
  });
});

describe('what an employee types as a price', () => {
  it.each([
    ['6', '6.00'],
    ['6.4', '6.40'],
    ['6,40', '6.40'],
    [' 12.5 ', '12.50'],
    ['0', '0.00'],
    ['007.10', '7.10'],
    ['999.99', '999.99'],
  ])('%j becomes %s', (typed, amount) => {
    expect(parsePriceInput(typed)).toBe(amount);
  });

  it.each(['', 'abc', '1000', '6.405', '-1', '6.', '.5', '1,000.00', '6 40'])('%j is not a price', (typed) => {
    expect(parsePriceInput(typed)).toBeUndefined();
  });
});
