import type { FulfilmentStep, OrderState } from './order-states';

/*
 * A cursor is valid only for the list it was handed out for: its signature binds it to the caller
 * and the filters, so a cursor of one caller or filter is refused on another.
 */

export interface OrderListScope {
  callerId: string;
  customerId?: string;
  state?: OrderState;
  fulfilment?: FulfilmentStep;
  oldestFirst: boolean;
}

/** The v1 binding, extended only by what v1 did not have, so that cursors handed out before stay valid. */
export const orderListBinding = ({ callerId, customerId, state, fulfilment, oldestFirst }: OrderListScope) =>
  `orders:${callerId}:${customerId ?? '*'}:${state ?? '*'}${fulfilment ? `:fulfilment=${fulfilment}` : ''}${oldestFirst ? ':oldest' : ''}`;

export const customerListBinding = (callerId: string, search?: string) =>
  `customers:${callerId}${search ? `:q=${search}` : ''}`;

export const inventoryListBinding = (callerId: string | undefined, filters: { type?: string; state?: string }) =>
  `inventory:${callerId ?? 'anonymous'}:type=${filters.type ?? ''}:state=${filters.state ?? ''}`;

export const inboxBinding = (callerId: string) => `notifications:${callerId}`;
