import {
  contention,
  duplicateItem,
  insufficientStock,
  notFound,
  outOfStock,
  preconditionFailed,
  tooManyItems,
  unknownReference,
  ValidationFailed,
} from '../core/errors';
import {
  canSeeOrder,
  checkEditable,
  checkNotEmpty,
  fulfilmentOf,
  MAX_LINES,
  type Order,
  type OrderLine,
} from '../core/orders';
import { isReview, needsItems, nextFulfilment, nextState, type FulfilmentAction, type OrderAction } from '../core/transitions';
import type { Caller } from '../core/roles';
import { getCustomer } from '../data/customers';
import { backOff } from '../platform/back-off';
import {
  advanceFulfilment,
  createOrder,
  getOrder,
  getOrderAndItem,
  getOrderWithHistory,
  idempotentOrderId,
  saveLines,
  transitionOrder,
  type InventoryRecord,
} from '../data/orders';

const MAX_ATTEMPTS = 8;

export async function loadVisibleOrder(caller: Caller, orderId: string): Promise<Order> {
  const order = await getOrder(orderId);
  if (!order || !canSeeOrder(caller, order)) throw notFound('order');
  return order;
}

/** The order (404 unless the caller may see it) and its history, in one Query. */
export async function loadVisibleHistory(caller: Caller, orderId: string) {
  const { order, events } = await getOrderWithHistory(orderId);
  if (!order || !canSeeOrder(caller, order)) throw notFound('order');
  return events;
}

/** The order (404 unless the caller may see it) and the inventory item to add to it, in one batch read. */
export async function loadVisibleOrderAndItem(caller: Caller, orderId: string, itemId: string | undefined) {
  const { order, item } = await getOrderAndItem(orderId, itemId);
  if (!order || !canSeeOrder(caller, order)) throw notFound('order');
  return { order, item };
}

/**
 * Runs `attempt` on the order until its conditional write lands: a write that lost a race (null)
 * re-reads the order and tries again, unless the client pinned the version with If-Match.
 */
export async function untilWritten<T>(
  caller: Caller,
  first: Order,
  ifMatch: number | undefined,
  attempt: (order: Order) => Promise<T | null>,
): Promise<T> {
  let order = first;
  for (let tries = 0; tries < MAX_ATTEMPTS; tries++) {
    if (ifMatch !== undefined && ifMatch !== order.version) throw preconditionFailed();
    const result = await attempt(order);
    if (result !== null) return result;
    await backOff(tries);
    order = await loadVisibleOrder(caller, order.id);
  }
  throw contention();
}

/**
 * With an Idempotency-Key the order's id is derived from the caller and the key, and created only
 * if absent: a retry after a first attempt whose idempotency record was lost (it failed to save)
 * finds the order the first attempt created instead of creating a second one.
 */
export async function placeOrder(
  caller: Caller,
  { customerId, comments }: { customerId?: string; comments?: string },
  idempotencyKey: string | undefined,
): Promise<Order> {
  if (caller.role === 'employee') {
    if (!customerId) throw new ValidationFailed('Employees name the customer.', [{ path: 'body.customerId', message: 'Required' }]);
    if (!(await getCustomer(customerId))) throw unknownReference('unknown_customer', 'customer');
  }
  const id = idempotencyKey === undefined ? undefined : idempotentOrderId(caller.id, idempotencyKey);
  return createOrder(customerId ?? caller.id, { caller, comments }, id);
}

export interface NewLine {
  itemId: string;
  quantity: number;
  unitPriceCents?: number;
}


export function addLine(caller: Caller, order: Order, item: InventoryRecord | null, line: NewLine, ifMatch: number | undefined) {
  return untilWritten(caller, order, ifMatch, async (current) => {
    checkEditable(current);
    if (!item || item.listing !== 'active') throw unknownReference('unknown_item', 'inventory item');
    if (current.lines.some((existing) => existing.itemId === line.itemId)) throw duplicateItem();
    if (item.onHand === 0) throw outOfStock();
    if (current.lines.length >= MAX_LINES) throw tooManyItems(MAX_LINES);
    const added: OrderLine = {
      itemId: item.id,
      name: item.name,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents ?? item.priceCents,
    };
    return (await saveLines(current, [...current.lines, added])) && added;
  });
}

export function findLine(order: Order, itemId: string): OrderLine {
  const line = order.lines.find((candidate) => candidate.itemId === itemId);
  if (!line) throw notFound('order item');
  return line;
}

export function changeLine(
  caller: Caller,
  order: Order,
  itemId: string,
  changes: { quantity?: number; unitPriceCents?: number },
  ifMatch: number | undefined,
) {
  return untilWritten(caller, order, ifMatch, async (current) => {
    const line = { ...findLine(current, itemId), ...changes };
    checkEditable(current);
    const lines = current.lines.map((existing) => (existing.itemId === itemId ? line : existing));
    return (await saveLines(current, lines)) && line;
  });
}

export function removeLine(caller: Caller, order: Order, itemId: string, ifMatch: number | undefined) {
  return untilWritten(caller, order, ifMatch, async (current) => {
    findLine(current, itemId);
    checkEditable(current);
    return saveLines(current, current.lines.filter((existing) => existing.itemId !== itemId));
  });
}

/** submit, approve, reject, cancel: state (409), then emptiness (422), then stock (409), atomically. */
export function transition(caller: Caller, order: Order, action: OrderAction, comments: string | undefined, ifMatch: number | undefined) {
  return untilWritten(caller, order, ifMatch, async (current) => {
    const to = nextState(action, current.state);
    if (needsItems(action)) checkNotEmpty(current);
    const result = await transitionOrder({
      order: current,
      to,
      actor: { caller, comments },
      review: isReview(action),
      deductStock: action === 'approve',
    });
    if (result.outcome === 'insufficient-stock') throw insufficientStock(result.itemId, result.requested, result.available);
    return result.outcome === 'done' ? result.order : null;
  });
}

/** ready, deliver: the next fulfilment step of an approved order (409 from any other step or state), with its history entry. */
export function fulfil(caller: Caller, order: Order, action: FulfilmentAction, comments: string | undefined, ifMatch: number | undefined) {
  return untilWritten(caller, order, ifMatch, async (current) => {
    const to = nextFulfilment(action, current);
    return advanceFulfilment(current, to, fulfilmentOf(current)!, { caller, comments });
  });
}
