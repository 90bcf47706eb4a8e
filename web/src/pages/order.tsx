import { ok } from '../api/client';
import { loadStock } from '../api/inventory';
import { agoOf, formatShortTime, formatTime } from '../lib/time';
import { pages } from '../paths';
import { useSession } from '../session';
import { FulfilmentBadge, OrderBadge } from '../ui/badges';
import { useLoad } from '../ui/hooks';
import { Show } from '../ui/states';
import { OrderActions } from './order-actions';
import { OrderCustomer } from './order-customer';
import { OrderHistoryTimeline } from './order-history';
import { OrderLines } from './order-lines';
import { OrderSms } from './order-sms';

/** One order: lines with stock, totals, the customer, the history, and what an employee can do with it. */
export function OrderPage({ orderId }: { orderId: string }) {
  const { api } = useSession();
  const loaded = useLoad(async () => {
    const [order, history] = await Promise.all([
      ok(api.GET('/v1/orders/{orderId}', { params: { path: { orderId } } })),
      ok(api.GET('/v1/orders/{orderId}/history', { params: { path: { orderId } } })),
    ]);
    const stock = await loadStock(
      api,
      order.items.map((line) => line.itemId),
    );
    return { order, history, stock };
  }, [orderId]);

  return (
    <Show loaded={loaded} what="the order">
      {({ order, history, stock }) => (
        <article class="order">
          <p>
            {order.state === 'APPROVED' && order.fulfilment !== 'DELIVERED' ? <a href={pages.boards}>← Boards</a> : <a href={pages.queue}>← Review queue</a>}
          </p>
          <div class="title-row">
            <h1>Order {order.reference}</h1>
            <OrderBadge state={order.state} />
            {order.fulfilment && <FulfilmentBadge step={order.fulfilment} />}
            <p class="muted">
              placed {formatTime(order.createdAt)} · {agoOf(order.createdAt, Date.now())}
              {order.readyAt && ` · ready ${formatShortTime(order.readyAt, Date.now())}`}
              {order.deliveredAt && ` · delivered ${formatShortTime(order.deliveredAt, Date.now())}`}
            </p>
          </div>
          <OrderActions order={order} stock={stock} onChanged={loaded.reload} />
          <div class="columns">
            <div class="wide">
              <OrderLines order={order} stock={stock} onChanged={loaded.reload} />
              {order.comments && <p class="comments">Comments: {order.comments}</p>}
              <OrderSms orderId={order.id} version={order.version} />
            </div>
            <aside>
              <OrderCustomer customerId={order.customerId} />
              <OrderHistoryTimeline history={history.items} />
            </aside>
          </div>
        </article>
      )}
    </Show>
  );
}
