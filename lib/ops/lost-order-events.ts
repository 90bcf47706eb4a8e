import { ORDER_EVENTS, type OrderEventName } from '../../functions/core/order-states';
import { shop } from '../../functions/data/service';
import { getDelivery } from '../../functions/data/sms-deliveries';

export interface LostOrderEvent {
  orderId: string;
  event: OrderEventName;
  at: string;
}

const isNotified = (point: string): point is OrderEventName => (ORDER_EVENTS as readonly string[]).includes(point);

/** Every history entry in the window: in the order items' own history, and in the orderEvent items of orders written before it moved there. */
async function historyIn(window: { from: string; to: string }): Promise<{ id: string; to: string; at: string }[]> {
  const [orders, oldEvents] = await Promise.all([
    // An order with an entry in the window was last changed at or after the window's start.
    shop.entities.order.scan.where(({ updatedAt }, { gte }) => gte(updatedAt, window.from)).go({ pages: 'all' }),
    shop.entities.orderEvent.scan.where(({ at }, { between }) => between(at, window.from, window.to)).go({ pages: 'all' }),
  ]);
  const inItems = orders.data.flatMap(({ id, history }) => (history ?? []).filter(({ at }) => at >= window.from && at <= window.to).map(({ to, at }) => ({ id, to, at })));
  return [...inItems, ...oldEvents.data];
}

/**
 * The order events between `from` and `to` (ISO times) that the customer is told of and that have
 * no SMS delivery record: what a batch the stream no longer holds most likely carried. Order
 * events have no index by time, so this is a filtered Scan of the table: an operator's rare,
 * deliberate step, not something the service does.
 */
export async function orderEventsWithoutDelivery(window: { from: string; to: string }): Promise<LostOrderEvent[]> {
  const lost: LostOrderEvent[] = [];
  for (const { id, to, at } of (await historyIn(window)).sort((left, right) => left.at.localeCompare(right.at))) {
    if (isNotified(to) && !(await getDelivery({ orderId: id, state: to }))) lost.push({ orderId: id, event: to, at });
  }
  return lost;
}
