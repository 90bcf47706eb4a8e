import type { Order } from '../api/types';
import { formatMoney } from '../lib/money';
import { agoOf } from '../lib/time';
import { CustomerName } from '../ui/customer-name';
import { FulfilmentButton, FulfilmentRefusal, useFulfilment, type Fulfilment } from '../ui/fulfilment';
import { ListStatus, OrderLink, ShowMore } from '../ui/order-list';
import { usePolledOrders, type OrderList } from '../ui/polled-orders';
import { Empty, ErrorNotice, Loading } from '../ui/states';
import { ITEMS, TableHead, TOTAL } from '../ui/table';

const PREPARING = { state: 'APPROVED', fulfilment: 'PREPARING', sort: 'oldest' } as const;
const READY = { state: 'APPROVED', fulfilment: 'READY', sort: 'oldest' } as const;

/** Approved orders being prepared and orders ready for the customer, oldest first, each moved on with one click. */
export function BoardsPage() {
  const preparing = usePolledOrders(PREPARING);
  const ready = usePolledOrders(READY);
  const refreshBoth = () => {
    preparing.refresh();
    ready.refresh();
  };
  const fulfilment = useFulfilment(refreshBoth);
  return (
    <section>
      <div class="title-row">
        <h1>Fulfilment boards</h1>
        <button type="button" class="secondary" onClick={refreshBoth}>
          Refresh now
        </button>
      </div>
      <FulfilmentRefusal fulfilment={fulfilment} named />
      <div class="boards">
        <Board title="Preparing" list={preparing} fulfilment={fulfilment} since="approved" empty="Nothing to prepare: approved orders appear here." />
        <Board title="Ready" list={ready} fulfilment={fulfilment} since="ready" empty="No order is waiting to be picked up or delivered." />
      </div>
    </section>
  );
}

interface BoardProps {
  title: string;
  list: OrderList;
  fulfilment: Fulfilment;
  since: 'approved' | 'ready';
  empty: string;
}

function Board({ title, list, fulfilment, since, empty }: BoardProps) {
  const { view } = list;
  return (
    <section class="board" aria-labelledby={`board-${since}`}>
      <div class="title-row">
        <h2 id={`board-${since}`}>{title}</h2>
        <ListStatus view={view} what={['order', 'orders']} />
      </div>
      <ErrorNotice error={list.error} />
      {!view ? (
        <Loading what={`the ${title.toLowerCase()} board`} />
      ) : view.orders.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <table class="list">
          <TableHead columns={['Order', since === 'approved' ? 'Approved' : 'Ready', 'Customer', ITEMS, TOTAL, 'Next step']} />
          <tbody>
            {view.orders.map((order) => (
              <BoardRow key={order.id} order={order} fresh={view.fresh.has(order.id)} at={view.at} since={since} fulfilment={fulfilment} />
            ))}
          </tbody>
        </table>
      )}
      {view && <ShowMore view={view} onClick={list.showMore} what={title.toLowerCase()} />}
    </section>
  );
}

function BoardRow({ order, fresh, at, since, fulfilment }: { order: Order; fresh: boolean; at: number; since: BoardProps['since']; fulfilment: Fulfilment }) {
  const from = (since === 'approved' ? order.reviewedAt : order.readyAt) ?? order.updatedAt;
  return (
    <tr class={fresh ? 'fresh' : undefined}>
      <td>
        <OrderLink order={order} fresh={fresh} />
      </td>
      <td>{agoOf(from, at)}</td>
      <td>
        <CustomerName customerId={order.customerId} />
      </td>
      <td class="number">{order.itemCount}</td>
      <td class="number">{formatMoney(order.totalPrice)}</td>
      <td>
        <FulfilmentButton order={order} fulfilment={fulfilment} named />
      </td>
    </tr>
  );
}
