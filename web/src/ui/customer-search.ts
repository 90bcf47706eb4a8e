import { useEffect, useState } from 'preact/hooks';
import { firstPages, ok } from '../api/client';
import type { CustomerProfile } from '../api/types';
import { codeFirst, customerQuery, SEARCH_DEBOUNCE_MS } from '../lib/customer-search';
import { useSession } from '../session';
import { useLoad, type Loaded } from './hooks';

/** `value`, once it has stayed the same for `ms`; `now()` takes the current value at once (Enter). */
export function useDebounced<T>(value: T, ms = SEARCH_DEBOUNCE_MS): [T, () => void] {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return [settled, () => setSettled(value)];
}

export interface FoundCustomers {
  items: CustomerProfile[];
  more: boolean;
  /** The text these are the answer to; empty for the whole list. */
  text: string;
}

/**
 * The customers matching `text` (name or phone prefix, and the code when it could be one), the
 * first `pageCount` pages; for an empty text the newest customers, or nothing when `listAll` is false.
 */
export function useCustomerSearch(text: string, pageCount: number, listAll: boolean): Loaded<FoundCustomers | undefined> {
  const { api } = useSession();
  return useLoad(async () => {
    const query = customerQuery(text);
    if (!query && !listAll) return undefined;
    const page = (cursor: string | undefined) => ok(api.GET('/v1/customers', { params: { query: { limit: 50, cursor, ...(query && { q: query.q }) } } }));
    const [byCode, found] = await Promise.all([
      query?.code ? ok(api.GET('/v1/customers', { params: { query: { code: query.code } } })) : undefined,
      firstPages(pageCount, page),
    ]);
    return { items: codeFirst(byCode?.items ?? [], found.items), more: found.more, text: text.trim() };
  }, [text, pageCount, listAll]);
}
