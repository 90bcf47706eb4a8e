import { useEffect, useRef, useState } from 'preact/hooks';
import { allPages, ok } from '../api/client';
import type { Order } from '../api/types';
import { formatMoney } from '../lib/money';
import { arrivals, oldestFirst, QUEUE_REFRESH_MS, startPolling, type Poller } from '../lib/queue';
import { ageOf } from '../lib/time';
import { pages } from '../paths';
import { useSession } from '../session';
import { CustomerName } from '../ui/customer-name';
import { Empty, ErrorNotice, Loading } from '../ui/states';
import { ITEMS, TableHead, TOTAL } from '../ui/table';

interface QueueView {
  orders: Order[];
  fresh: Set<string>;
  at: number;
}

/** PENDING orders, oldest first, refreshed every 10 s; orders that arrived since the page opened are marked. */
export function QueuePage() {
  const { api } = useSession();
  const [view, setView] = useState<QueueView | undefined>();
  const [error, setError] = useState<unknown>();
  const poller = useRef<Poller | undefined>(undefined);

  useEffect(() => {
    let seen: Set<string> | undefined;
    const load = async () => {
      const pending = await allPages((cursor) => ok(api.GET('/v1/orders', { params: { query: { state: 'PENDING', limit: 100, cursor } } })));
      const marked = arrivals(seen, pending);
      seen = marked.seen;
      setView((previous) => ({
        orders: oldestFirst(pending),
        // A mark stays until the page is left, so an arrival is not missed between two looks.
        fresh: new Set([...(previous?.fresh ?? []), ...marked.fresh].filter((id) => marked.seen.has(id))),
        at: Date.now(),
      }));
      setError(undefined);
    };
    poller.current = startPolling(load, setError, QUEUE_REFRESH_MS);
    return () => poller.current?.stop();
  }, [api]);

  return (
    <section>
      <div class="title-row">
        <h1>Review queue</h1>
        <p class="muted" aria-live="polite">
          {view ? `${view.orders.length} pending · updated ${new Date(view.at).toLocaleTimeString()} · refreshes every ${QUEUE_REFRESH_MS / 1000} s` : ''}
        </p>
        <button type="button" class="secondary" onClick={() => void poller.current?.refresh()}>
          Refresh now
        </button>
      </div>
      <ErrorNotice error={error} />
      {!view ? <Loading what="the queue" /> : view.orders.length === 0 ? <Empty>No orders are waiting for review.</Empty> : <QueueTable view={view} />}
    </section>
  );
}

function QueueTable({ view }: { view: QueueView }) {
  return (
    <table class="list">
      <TableHead columns={['Order', 'Waiting', 'Customer', ITEMS, TOTAL]} />
      <tbody>
        {view.orders.map((order) => (
          <tr key={order.id} class={view.fresh.has(order.id) ? 'fresh' : undefined}>
            <td>
              <a href={pages.order(order.id)}>Order {order.reference}</a>
              {view.fresh.has(order.id) && <span class="badge new">New</span>}
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
