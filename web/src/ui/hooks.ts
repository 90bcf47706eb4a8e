import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> =
  | { status: 'loading'; data?: T; reload: () => void }
  | { status: 'ok'; data: T; reload: () => void }
  | { status: 'error'; error: unknown; data?: T; reload: () => void };

/** Runs `load` when `deps` change and on reload(); the data of the last success stays while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error'; data?: T; error?: unknown }>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ status: 'loading', data: previous.data }));
    load().then(
      (data) => current && setState({ status: 'ok', data }),
      (error: unknown) => current && setState((previous) => ({ status: 'error', error, data: previous.data })),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return { ...state, reload } as Loaded<T>;
}

export interface Action {
  busy: boolean;
  error: unknown;
  /** Runs `work` unless one is running; resolves true when it succeeded. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

/** One button's or form's request: busy while it runs, its error kept for the message. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: useCallback(() => setError(undefined), []) };
}
