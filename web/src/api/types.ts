import type { components } from './openapi';

/** Names for the API's schemas (generated from docs/openapi.json into openapi.d.ts). */
type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type ProblemCode = Problem['code'];
export type Order = Schemas['Order'];
export type OrderState = Order['state'];
/** An approved order's step: PREPARING, READY, DELIVERED. */
export type Fulfilment = NonNullable<Order['fulfilment']>;
export type OrderItem = Schemas['OrderItem'];
export type OrderHistory = Schemas['OrderHistory'];
export type OrderNotification = Schemas['OrderNotifications']['items'][number];
/** Where a history entry leads: an order state, or a fulfilment step of an approved order. */
export type OrderStep = OrderHistory['items'][number]['to'];
export type InventoryItem = Schemas['InventoryItem'];
export type InventoryType = InventoryItem['type'];
export type StockState = InventoryItem['state'];
export type CustomerProfile = Schemas['CustomerProfile'];
export type Me = Schemas['Me'];
export type CreateInventoryItem = Schemas['CreateInventoryItemRequest'];
export type PatchInventoryItem = Schemas['PatchInventoryItemRequest'];

export const INVENTORY_TYPES: readonly InventoryType[] = ['COFFEE', 'TEA', 'JUICE', 'SODA', 'WATER', 'OTHER'];
export const STOCK_STATES: readonly StockState[] = ['AVAILABLE', 'FEW_REMAINING', 'OUT_OF_STOCK'];

/** A refused or failed API call: the problem the API answered, or none when it did not answer at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: Problem,
  ) {
    super(problem?.detail ?? (status === 0 ? 'The service did not answer.' : `The service answered ${status}.`));
    this.name = 'ApiError';
  }
}
