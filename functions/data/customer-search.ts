import type { EntityItem } from 'electrodb';
import { searchableName, searchQueryFor, searchTermsOf, type SearchTerm } from '../core/customer-search';
import { FIRST_YEAR, currentYear, pageThrough, type Page } from '../platform/pagination';
import type { CustomerProfile } from './customers';
import type { buildCustomerSearchEntryEntity } from './entities/customer-search-entry';
import { shop } from './service';

type EntryRecord = EntityItem<ReturnType<typeof buildCustomerSearchEntryEntity>>;
/** The search entries as a transaction over them hands them to its callback. */
type TransactionEntries = Parameters<Parameters<ReturnType<typeof shop.of<'customerSearchEntry'>>['transaction']['write']>[0]>[0];

const entryOf = (customer: CustomerProfile, term: SearchTerm): EntryRecord => ({
  term,
  customerId: customer.id,
  searchableName: searchableName(customer.name),
  email: customer.email,
  name: customer.name,
  phoneNumber: customer.phoneNumber,
  ...(customer.address !== null && { address: customer.address }),
  code: customer.code,
  createdAt: customer.createdAt,
  updatedAt: customer.updatedAt,
  version: customer.version,
});

const profileOf = (entry: EntryRecord): CustomerProfile => ({
  id: entry.customerId,
  email: entry.email,
  name: entry.name,
  phoneNumber: entry.phoneNumber,
  address: entry.address ?? null,
  code: entry.code,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
  version: entry.version,
});

/**
 * The one place that writes and removes a customer's search entries: the transaction items that
 * take the index from the profile `before` to the profile `after`. Registration passes no
 * `before`; a profile change both (the terms the customer lost are removed, every current one is
 * rewritten, since each entry carries the profile); an account deletion passes no `after`. At
 * most 47 items each way (functions/core/customer-search.ts), so they fit one transaction with the
 * profile's own write.
 */
export function searchIndexChanges(
  { customerSearchEntry }: TransactionEntries,
  before: CustomerProfile | null,
  after: CustomerProfile | null,
) {
  const kept = new Set(after ? searchTermsOf(after) : []);
  const removed = before ? searchTermsOf(before).filter((term) => !kept.has(term)) : [];
  return [
    ...removed.map((term) => customerSearchEntry.delete({ term, createdAt: before!.createdAt, customerId: before!.id }).commit()),
    ...[...kept].map((term) => customerSearchEntry.put(entryOf(after!, term)).commit()),
  ];
}

/**
 * Customers whose name (at the start of any word) or phone number starts with `q`, newest first:
 * one Query of the term's partition per page. A name query longer than the indexed terms reads the
 * partition of its first characters and keeps the entries whose whole name matches, reading on
 * until the page is full or the partition ends, so that no page is empty while matches remain.
 * A `q` that can match nothing (no letter or digit) finds nothing.
 */
export async function searchCustomers(q: string, options: { binding: string; cursor?: string; limit: number }): Promise<Page<CustomerProfile>> {
  const search = searchQueryFor(q);
  if (!search) return { items: [], nextCursor: null };
  return pageThrough({
    ...options,
    query: async (after, limit) => {
      const query = shop.entities.customerSearchEntry.query.byTerm({ term: search.term });
      const { nameContains } = search;
      const { data, cursor } = nameContains
        ? await query.where(({ searchableName: name }, { contains }) => contains(name, nameContains)).go({ order: 'desc', cursor: after, limit, pages: 'all' })
        : await query.go({ order: 'desc', cursor: after, limit, pages: 1 });
      return { data: data.map(profileOf), cursor };
    },
  });
}

/**
 * Writes the search entries of the customers registered before search existed (those not marked
 * `searchIndexed`), each in one transaction conditional on the profile not having changed since it
 * was read (a profile change writes the entries itself). Safe to run again: it skips the indexed.
 * Returns how many it indexed.
 */
export async function indexEarlierCustomers(): Promise<number> {
  let indexed = 0;
  for (let year = FIRST_YEAR; year <= currentYear(); year++) {
    const { data } = await shop.entities.customer.query
      .byCreated({ createdYear: String(year) })
      .where(({ searchIndexed }, { notExists }) => notExists(searchIndexed))
      .go({ pages: 'all' });
    for (const record of data) {
      const customer: CustomerProfile = { ...record, address: record.address ?? null };
      const { canceled } = await shop
        .of('customer', 'customerSearchEntry')
        .transaction.write((entities) => [
          entities.customer
            .patch({ id: customer.id })
            .set({ searchIndexed: true })
            .where(({ version }, { eq }) => eq(version, customer.version))
            .commit(),
          ...searchIndexChanges(entities, null, customer),
        ])
        .go();
      if (!canceled) indexed += 1;
    }
  }
  return indexed;
}
