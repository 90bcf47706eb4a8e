export const BEVERAGE_TYPES = ['COFFEE', 'TEA', 'JUICE', 'SODA', 'WATER', 'OTHER'] as const;
export type BeverageType = (typeof BEVERAGE_TYPES)[number];

export const STOCK_STATES = ['AVAILABLE', 'FEW_REMAINING', 'OUT_OF_STOCK'] as const;
export type StockState = (typeof STOCK_STATES)[number];

export const MAX_STOCK = 1_000_000;

export function stockState(onHand: number, warnLimit: number): StockState {
  if (onHand === 0) return 'OUT_OF_STOCK';
  return onHand <= warnLimit ? 'FEW_REMAINING' : 'AVAILABLE';
}

/**
 * The menu's sort key: case-insensitive, and ended by a control character (names may hold none)
 * that sorts below every character of a name, so "Green Tea" lists before "Green Tea Latte"
 * although the key's next separator ('#') sorts after a space.
 */
export const menuSortName = (name: string) => `${name.toLowerCase()}\u0001`;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
