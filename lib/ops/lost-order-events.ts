import { ORDER_EVENTS, type OrderEventName } from '../../functions/core/order-states';
import { shop } from '../../functions/data/service';
import { getDelivery } from '../../functions/data/sms-deliveries';

export interface LostOrderEvent {
  orderId: string;
  event: OrderEventName;
  at: string;
}

const isNotified = (point: string): point is OrderEventName => (ORDER_EVENTS as readonly string[]).includes(point);

/**
 * The order events between `from` and `to` (ISO times) that the customer is told of and that have
 * no SMS delivery record: what a batch the stream no longer holds most likely carried. Order
 * events have no index by time, so this is a filtered Scan of the table: an operator's rare,
 * deliberate step, not something the service does.
 */
export async function orderEventsWithoutDelivery(window: { from: string; to: string }): Promise<LostOrderEvent[]> {
  const { data } = await shop.entities.orderEvent.scan.where(({ at }, { between }) => between(at, window.from, window.to)).go({ pages: 'all' });
  const lost: LostOrderEvent[] = [];
  for (const { id, to, at } of data.sort((left, right) => left.at.localeCompare(right.at))) {
    if (isNotified(to) && !(await getDelivery({ orderId: id, state: to }))) lost.push({ orderId: id, event: to, at });
  }
  return lost;
}
