/** The self-refreshing order lists' own logic (the queue, the boards): arrivals since the page opened, refreshing by itself. */

/** At most one refresh every 10 seconds, as the console's contract asks. */
export const QUEUE_REFRESH_MS = 10_000;

interface Listed {
  id: string;
}

/**
 * The ids to mark as new: those not seen before. `seen` holds every id shown so far and grows;
 * on the first load nothing is new (everything was already waiting when the page opened).
 */
export function arrivals(seen: Set<string> | undefined, orders: readonly Listed[]): { seen: Set<string>; fresh: Set<string> } {
  const fresh = new Set<string>();
  const next = new Set(seen ?? []);
  for (const order of orders) {
    if (seen && !seen.has(order.id)) fresh.add(order.id);
    next.add(order.id);
  }
  return { seen: next, fresh };
}

/**
 * The marks to show after a load: the earlier marks of orders still listed (a mark stays until
 * the page is left, so an arrival is not missed between two looks) and the new arrivals.
 */
export function keepMarks(previous: ReadonlySet<string> | undefined, fresh: ReadonlySet<string>, listed: readonly Listed[]): Set<string> {
  const present = new Set(listed.map((order) => order.id));
  return new Set([...(previous ?? []), ...fresh].filter((id) => present.has(id)));
}

export interface Poller {
  /** Loads now (and restarts the wait); a load already running is not started twice. */
  refresh: () => Promise<void>;
  stop: () => void;
}

/**
 * Calls `load` now and then `intervalMs` after each load ends (never two at once, so a slow
 * service is never asked faster than it answers). A failed load is reported and retried on the
 * next tick; `stop` ends it all.
 */
export function startPolling(load: () => Promise<void>, onError: (error: unknown) => void, intervalMs = QUEUE_REFRESH_MS): Poller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void refresh(), intervalMs);
  };
  const refresh = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= load()
      .catch(onError)
      .finally(() => {
        running = undefined;
        schedule();
      });
    return running;
  };
  void refresh();
  return {
    refresh,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
