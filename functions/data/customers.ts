import type { EntityItem } from 'electrodb';
import { newCustomerCode } from '../core/customer-code';
import { notFound, preconditionFailed } from '../core/errors';
import { pageThroughYears, type Page } from '../platform/pagination';
import type { customerEntity } from './entities/customer';
import { shop } from './service';
import { isConditionFailure } from './write-errors';

type CustomerRecord = EntityItem<typeof customerEntity>;

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
    };
    const result = await shop.transaction
      .write(({ customer: customers, uniqueValue }) => [
        customers.create(record).commit(),
        uniqueValue.create({ kind: 'customerCode', value: record.code, ownerId: record.id }).commit(),
      ])
      .go();
    if (!result.canceled) return toProfile(record);
  }
  throw new Error(`Could not create a customer profile for ${customer.id}`);
}

/**
 * One UpdateItem. With If-Match it is conditional on that version (else 412); without one the
 * fields sent replace the current ones whatever the version (they do not depend on the others,
 * and `version` is incremented atomically), so no stale or racing read can make it a 412.
 */
export async function updateCustomer(id: string, changes: CustomerChanges, expectedVersion?: number): Promise<CustomerProfile> {
  if (Number.isNaN(expectedVersion)) throw preconditionFailed();
  const { address, ...set } = changes;
  try {
    const patch = shop.entities.customer.patch({ id }).set({ ...set, updatedAt: new Date().toISOString() }).add({ version: 1 });
    const write = address === null ? patch.remove(['address']) : patch.set({ address });
    const conditional = expectedVersion === undefined ? write : write.where(({ version }, { eq }) => eq(version, expectedVersion));
    const { data } = await conditional.go({ response: 'all_new' });
    return toProfile(data as CustomerRecord);
  } catch (error) {
    if (isConditionFailure(error)) throw expectedVersion === undefined ? notFound('customer') : preconditionFailed();
    throw error;
  }
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
