import type { EntityItem } from 'electrodb';
import { newCustomerCode } from '../core/customer-code';
import { contention, notFound, preconditionFailed } from '../core/errors';
import { pageThroughYears, type Page } from '../platform/pagination';
import { searchIndexChanges } from './customer-search';
import type { buildCustomerEntity } from './entities/customer';
import { shop } from './service';
import { isConditionFailure } from './write-errors';

type CustomerRecord = EntityItem<ReturnType<typeof buildCustomerEntity>>;

export interface CustomerProfile {
  id: string;
  email: string;
  name: string;
  phoneNumber: string;
  address: string | null;
  code: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NewCustomer {
  id: string;
  email: string;
  name: string;
  phoneNumber: string;
  address?: string | null;
}

export type CustomerChanges = Partial<Pick<CustomerProfile, 'name' | 'phoneNumber' | 'address'>>;

/** In the contract's order of fields, whatever order the table returns them in. */
const toProfile = (record: CustomerRecord): CustomerProfile => ({
  id: record.id,
  email: record.email,
  name: record.name,
  phoneNumber: record.phoneNumber,
  address: record.address ?? null,
  code: record.code,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  version: record.version,
});

/** Strongly consistent: its version decides PATCH /v1/me, and its absence a 422 or a new profile. */
export async function getCustomer(id: string): Promise<CustomerProfile | null> {
  const { data } = await shop.entities.customer.get({ id }).go({ consistent: true });
  return data ? toProfile(data) : null;
}

const CODE_ATTEMPTS = 5;

/**
 * Creates the profile with a fresh unique code, or returns the one that exists: a sign-up can be
 * confirmed by the post-confirmation trigger and the register endpoint alike.
 */
export async function ensureCustomerProfile(customer: NewCustomer): Promise<CustomerProfile> {
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const existing = await getCustomer(customer.id);
    if (existing) return existing;
    const now = new Date().toISOString();
    const record: CustomerRecord = {
      ...customer,
      address: customer.address ?? undefined,
      email: customer.email.toLowerCase(),
      code: newCustomerCode(),
      createdYear: now.slice(0, 4),
      createdAt: now,
      updatedAt: now,
      version: 1,
      searchIndexed: true,
    };
    const result = await shop
      .of('customer', 'uniqueValue', 'customerSearchEntry')
      .transaction.write((entities) => [
        entities.customer.create(record).commit(),
        entities.uniqueValue.create({ kind: 'customerCode', value: record.code, ownerId: record.id }).commit(),
        ...searchIndexChanges(entities, null, toProfile(record)),
      ])
      .go();
    if (!result.canceled) return toProfile(record);
  }
  throw new Error(`Could not create a customer profile for ${customer.id}`);
}

/**
 * The profile and its search entries change in one transaction, conditional on the version read,
 * so search never shows another profile. With If-Match a changed version is a 412; without one a
 * racing write only makes it read again and re-apply the fields sent (they do not depend on the
 * others), so no stale or racing read can make it a 412.
 */
export async function updateCustomer(current: CustomerProfile, changes: CustomerChanges, expectedVersion?: number): Promise<CustomerProfile> {
  let read: CustomerProfile | null = current;
  for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
    if (!read) throw notFound('customer');
    if (expectedVersion !== undefined && expectedVersion !== read.version) throw preconditionFailed();
    const updated = await writeProfile(read, changes);
    if (updated) return updated;
    if (expectedVersion !== undefined) throw preconditionFailed();
    read = await getCustomer(current.id);
  }
  throw contention();
}

const UPDATE_ATTEMPTS = 5;

/** The changed profile, or null when it is no longer at `current.version`. */
async function writeProfile(current: CustomerProfile, changes: CustomerChanges): Promise<CustomerProfile | null> {
  const { address, ...set } = changes;
  const updated: CustomerProfile = {
    ...current,
    ...set,
    ...(address !== undefined && { address }),
    updatedAt: new Date().toISOString(),
    version: current.version + 1,
  };
  const { canceled, data } = await shop
    .of('customer', 'customerSearchEntry')
    .transaction.write((entities) => {
      const patch = entities.customer
        .patch({ id: current.id })
        .set({ ...set, updatedAt: updated.updatedAt, version: updated.version, searchIndexed: true });
      return [
        (address === null ? patch.remove(['address']) : patch.set({ address }))
          .where(({ version }, { eq }) => eq(version, current.version))
          .commit(),
        ...searchIndexChanges(entities, current, updated),
      ];
    })
    .go();
  if (!canceled) return updated;
  const reasons = (data as readonly { code?: string }[]).map((item) => item.code);
  if (reasons[0] === 'ConditionalCheckFailed') return null;
  if (reasons.includes('TransactionConflict')) throw contention();
  throw new Error(`The profile of ${current.id} could not be updated: ${reasons.join(', ')}`);
}

export async function findCustomerByCode(code: string): Promise<CustomerProfile[]> {
  const { data } = await shop.entities.customer.query.byCode({ code }).go({ pages: 1 });
  return data.map(toProfile);
}

export function listCustomers(options: { binding: string; cursor?: string; limit: number }): Promise<Page<CustomerProfile>> {
  return pageThroughYears({
    ...options,
    queryYear: async (year, after, limit) => {
      const page = await shop.entities.customer.query
        .byCreated({ createdYear: String(year) })
        .go({ order: 'desc', cursor: after, limit, pages: 1 });
      return { data: page.data.map(toProfile), cursor: page.cursor };
    },
  });
}

/** Longer than the register function may run (its timeout): a claim older than that belongs to an attempt that died. */
export const EMAIL_CLAIM_LEASE_MS = 30_000;

/**
 * Claims an email for one registration attempt: false while it is registered (the claim has an
 * owner) or another attempt holds it. A claim without owner whose lease ran out was left by an
 * attempt that failed or timed out halfway: the next attempt takes it over and finishes.
 */
export async function claimEmail(email: string, now = Date.now()): Promise<boolean> {
  try {
    await shop.entities.uniqueValue
      .put({ kind: 'email', value: email.toLowerCase(), leaseUntil: now + EMAIL_CLAIM_LEASE_MS })
      .where(
        ({ value, ownerId, leaseUntil }, { notExists, lt }) =>
          `${notExists(value)} OR (${notExists(ownerId)} AND (${notExists(leaseUntil)} OR ${lt(leaseUntil, now)}))`,
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The registration finished: the email is this customer's for good. */
export async function completeEmailClaim(email: string, ownerId: string): Promise<void> {
  await shop.entities.uniqueValue.patch({ kind: 'email', value: email.toLowerCase() }).set({ ownerId }).remove(['leaseUntil']).go();
}

export async function releaseEmail(email: string): Promise<void> {
  await shop.entities.uniqueValue
    .delete({ kind: 'email', value: email.toLowerCase() })
    .where(({ ownerId }, { notExists }) => notExists(ownerId))
    .go();
}
