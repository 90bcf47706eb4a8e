/** How the console asks for the customers an employee types: by name, phone prefix, and code. */

/** Wait this long after the last key before searching (a search per key would flood the API). */
export const SEARCH_DEBOUNCE_MS = 300;

const CODE = /^[0-9A-Z]{5}$/;

export interface CustomerQuery {
  /** Name or phone-number prefix, as the API's `q` takes it. */
  q: string;
  /** Also asked when the text could be a customer code (5 letters or digits). */
  code?: string;
}

/** The queries for what was typed; undefined for nothing (or only spaces). */
export function customerQuery(text: string): CustomerQuery | undefined {
  const q = text.trim().slice(0, 100);
  if (!q) return undefined;
  const code = q.toUpperCase();
  return CODE.test(code) ? { q, code } : { q };
}

/** The customer with the code first (an exact match), then the search's matches without it. */
export function codeFirst<T extends { id: string }>(byCode: readonly T[], bySearch: readonly T[]): T[] {
  const first = new Set(byCode.map((customer) => customer.id));
  return [...byCode, ...bySearch.filter((customer) => !first.has(customer.id))];
}
