import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { firstPages, ok } from '../api/client';
import type { paths } from '../api/openapi';
import type { Order } from '../api/types';
import { arrivals, keepMarks, QUEUE_REFRESH_MS, startPolling, type Poller } from '../lib/queue';
import { useSession } from '../session';

/** The filters of GET /v1/orders a self-refreshing list asks for (its pages come from the cursor). */
export type OrderListFilters = Omit<NonNullable<paths['/v1/orders']['get']['parameters']['query']>, 'cursor' | 'limit'>;

export const ORDER_PAGE_SIZE = 50;

export interface PolledOrders {
  orders: Order[];
  /** Whether the list goes on beyond the pages loaded ("Show more" loads the next). */
  more: boolean;
  /** Orders that arrived since the list was first shown. */
  fresh: Set<string>;
  at: number;
}

export interface OrderList {
  view: PolledOrders | undefined;
  error: unknown;
  refresh: () => void;
  showMore: () => void;
}

/**
 * The first pages of an order list in the server's order, reloaded every 10 s without reloading
 * the page (never faster than the service answers), marking the orders that arrived since.
 */
export function usePolledOrders(filters: OrderListFilters): OrderList {
  const { api } = useSession();
  const [pageCount, setPageCount] = useState(1);
  const [view, setView] = useState<PolledOrders | undefined>();
  const [error, setError] = useState<unknown>();
  const poller = useRef<Poller | undefined>(undefined);
  const filterKey = JSON.stringify(filters);

  useEffect(() => {
    // Per page count: the orders "Show more" brings were waiting already, so they are not new.
    let seen: Set<string> | undefined;
    const load = async () => {
      const page = (cursor: string | undefined) => ok(api.GET('/v1/orders', { params: { query: { ...filters, limit: ORDER_PAGE_SIZE, cursor } } }));
      const { items, more } = await firstPages(pageCount, page);
      const marked = arrivals(seen, items);
      seen = marked.seen;
      setView((previous) => ({ orders: items, more, fresh: keepMarks(previous?.fresh, marked.fresh, items), at: Date.now() }));
      setError(undefined);
    };
    poller.current = startPolling(load, setError, QUEUE_REFRESH_MS);
    return () => poller.current?.stop();
  }, [api, filterKey, pageCount]);

  return {
    view,
    error,
    refresh: useCallback(() => void poller.current?.refresh(), []),
    showMore: useCallback(() => setPageCount((count) => count + 1), []),
  };
}
