import { orderListBinding } from '../core/cursor-bindings';
import { forbidden, ValidationFailed } from '../core/errors';
import type { FulfilmentStep, OrderState } from '../core/order-states';
import type { Caller } from '../core/roles';
import { listOrders } from '../data/orders';
import type { SortOrder } from '../platform/pagination';

export interface OrderListQuery {
  customerId?: string;
  state?: OrderState;
  fulfilment?: FulfilmentStep;
  sort: SortOrder;
  cursor?: string;
  limit: number;
}

/** Customers list their own orders, without the fulfilment filter; employees any customer's, or all. */
function checkMayList(caller: Caller, query: OrderListQuery): void {
  if (caller.role === 'customer' && (query.customerId ?? caller.id) !== caller.id) {
    throw forbidden('Customers list their own orders only.');
  }
  if (caller.role === 'customer' && query.fulfilment) throw forbidden('Only employees filter by fulfilment.');
  if (query.fulfilment && query.state && query.state !== 'APPROVED') {
    throw new ValidationFailed('Only approved orders have a fulfilment step.', [
      { path: 'query.state', message: 'Must be APPROVED (or absent) with fulfilment' },
    ]);
  }
}

export function listOrdersFor(caller: Caller, query: OrderListQuery) {
  checkMayList(caller, query);
  const { state, fulfilment, sort, cursor, limit } = query;
  const customerId = caller.role === 'customer' ? caller.id : query.customerId;
  const binding = orderListBinding({ callerId: caller.id, customerId, state, fulfilment, oldestFirst: sort === 'oldest' });
  return listOrders({ customerId, state, fulfilment }, { binding, cursor, limit, sort });
}
