import { describe, expect, it } from 'vitest';
import { stockState } from '../../functions/core/inventory';

describe('stockState', () => {
  it.each([
    [0, 3, 'OUT_OF_STOCK'],
    [0, 0, 'OUT_OF_STOCK'],
    [1, 3, 'FEW_REMAINING'],
    [3, 3, 'FEW_REMAINING'],
    [4, 3, 'AVAILABLE'],
    [1, 0, 'AVAILABLE'],
    [1_000_000, 1_000_000, 'FEW_REMAINING'],
    [1_000_000, 999_999, 'AVAILABLE'],
  ] as const)('onHand %i with warnLimit %i is %s', (onHand, warnLimit, expected) => {
    expect(stockState(onHand, warnLimit)).toBe(expected);
  });
});
