import { useState } from 'preact/hooks';
import { useCustomerSearch, useDebounced, type FoundCustomers } from './customer-search';
import type { Loaded } from './hooks';

export interface CustomerSearch {
  input: string;
  setInput: (text: string) => void;
  /** Searches for the text typed without waiting; true when the results shown are for it already. */
  searchNow: () => boolean;
  found: Loaded<FoundCustomers | undefined>;
  showMore: () => void;
}

/** What the employee typed, searched once typing pauses, with "Show more" paging per search text. */
export function useCustomerSearchBox(listAll: boolean): CustomerSearch {
  const [input, setInput] = useState('');
  const [text, settle] = useDebounced(input);
  const [paging, setPaging] = useState({ text, count: 1 });
  const pageCount = paging.text === text ? paging.count : 1;
  const found = useCustomerSearch(text, pageCount, listAll);
  const searchNow = () => {
    settle();
    return text === input && found.status === 'ok';
  };
  return { input, setInput, searchNow, found, showMore: () => setPaging({ text, count: pageCount + 1 }) };
}

/** The search box: by name, phone or code, searching as the employee types; Enter searches at once. */
export function CustomerSearchBox({ search, autoFocus, onEnter }: { search: CustomerSearch; autoFocus?: boolean; onEnter?: () => void }) {
  return (
    <form
      class="filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (search.searchNow()) onEnter?.();
      }}
    >
      <label class="grow">
        Search by name, phone or code
        <input
          type="search"
          value={search.input}
          autoFocus={autoFocus}
          autoComplete="off"
          maxLength={100}
          placeholder="Ann, +2547…, K7Q2M"
          onInput={(event) => search.setInput(event.currentTarget.value)}
        />
      </label>
    </form>
  );
}
