import type { Order } from '../api/types';
import { QUEUE_REFRESH_MS } from '../lib/queue';
import { pages } from '../paths';
import type { PolledOrders } from './polled-orders';

/** "12 pending · updated 10:42:07 · refreshes every 10 s" ("50+" while more pages wait). */
export function ListStatus({ view, what }: { view: PolledOrders | undefined; what: [one: string, many: string] }) {
  const count = view?.orders.length;
  return (
    <p class="muted" aria-live="polite">
      {view &&
        `${count}${view.more ? '+' : ''} ${count === 1 && !view.more ? what[0] : what[1]} · updated ${new Date(view.at).toLocaleTimeString()} · refreshes every ${QUEUE_REFRESH_MS / 1000} s`}
    </p>
  );
}

export function ShowMore({ view, onClick, what }: { view: PolledOrders; onClick: () => void; what: string }) {
  if (!view.more) return null;
  return (
    <button type="button" class="secondary" onClick={onClick}>
      Show more {what}
    </button>
  );
}

/** The order's link, with a "New" mark for an arrival. */
export function OrderLink({ order, fresh }: { order: Order; fresh: boolean }) {
  return (
    <>
      <a href={pages.order(order.id)}>Order {order.reference}</a>
      {fresh && <span class="badge new">New</span>}
    </>
  );
}
