import { formatMoney } from '../lib/money';
import { ageOf } from '../lib/time';
import { CustomerName } from '../ui/customer-name';
import { ListStatus, OrderLink, ShowMore } from '../ui/order-list';
import { usePolledOrders, type PolledOrders } from '../ui/polled-orders';
import { Empty, ErrorNotice, Loading } from '../ui/states';
import { ITEMS, TableHead, TOTAL } from '../ui/table';

const PENDING_OLDEST_FIRST = { state: 'PENDING', sort: 'oldest' } as const;

/** PENDING orders, oldest first (the server's order), refreshed every 10 s; orders that arrived since the page opened are marked. */
export function QueuePage() {
  const list = usePolledOrders(PENDING_OLDEST_FIRST);
  const { view } = list;
  return (
    <section>
      <div class="title-row">
        <h1>Review queue</h1>
        <ListStatus view={view} what={['pending', 'pending']} />
        <button type="button" class="secondary" onClick={list.refresh}>
          Refresh now
        </button>
      </div>
      <ErrorNotice error={list.error} />
      {!view ? (
        <Loading what="the queue" />
      ) : view.orders.length === 0 ? (
        <Empty>No orders are waiting for review.</Empty>
      ) : (
        <>
          <QueueTable view={view} />
          <ShowMore view={view} onClick={list.showMore} what="pending orders" />
        </>
      )}
    </section>
  );
}

function QueueTable({ view }: { view: PolledOrders }) {
  return (
    <table class="list">
      <TableHead columns={['Order', 'Waiting', 'Customer', ITEMS, TOTAL]} />
      <tbody>
        {view.orders.map((order) => (
          <tr key={order.id} class={view.fresh.has(order.id) ? 'fresh' : undefined}>
            <td>
              <OrderLink order={order} fresh={view.fresh.has(order.id)} />
            </td>
            <td>{ageOf(order.createdAt, view.at)}</td>
            <td>
              <CustomerName customerId={order.customerId} />
            </td>
            <td class="number">{order.itemCount}</td>
            <td class="number">{formatMoney(order.totalPrice)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
