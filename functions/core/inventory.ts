export const BEVERAGE_TYPES = ['COFFEE', 'TEA', 'JUICE', 'SODA', 'WATER', 'OTHER'] as const;
export type BeverageType = (typeof BEVERAGE_TYPES)[number];

export const STOCK_STATES = ['AVAILABLE', 'FEW_REMAINING', 'OUT_OF_STOCK'] as const;
export type StockState = (typeof STOCK_STATES)[number];

export const MAX_STOCK = 1_000_000;

export function stockState(onHand: number, warnLimit: number): StockState {
  if (onHand === 0) return 'OUT_OF_STOCK';
  return onHand <= warnLimit ? 'FEW_REMAINING' : 'AVAILABLE';
}
