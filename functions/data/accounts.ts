import { contention } from '../core/errors';
import { searchIndexChanges } from './customer-search';
import type { CustomerProfile } from './customers';
import { shop } from './service';

/**
 * Closes the customer's account to new orders and returns the id of every order created for them
 * since their orders were recorded (entities/customer-orders.ts): creations that commit after
 * this are refused. Safe to repeat.
 */
export async function closeCustomerOrders(customerId: string): Promise<string[]> {
  const { data } = await shop.entities.customerOrders
    .update({ customerId })
    .set({ closedAt: new Date().toISOString() })
    .go({ response: 'all_new' });
  return data.orderIds ?? [];
}

/** The ids of the customer's orders in their index (gsi1): those from before their orders were recorded, too. */
export async function indexedOrderIdsOf(customerId: string): Promise<string[]> {
  const { data } = await shop.entities.order.query.byCustomer({ customerId }).go({ pages: 'all', attributes: ['id'] });
  return data.map((order) => order.id);
}

/**
 * Deletes the profile (name, email, phone, address), its search entries and the claim on its
 * email (a new registration may take it) in one transaction, on condition the profile is the one
 * read: false when it changed meanwhile (the caller reads again).
 */
export async function deleteCustomerProfile(profile: CustomerProfile): Promise<boolean> {
  const { canceled, data } = await shop
    .of('customer', 'uniqueValue', 'customerSearchEntry')
    .transaction.write((entities) => [
      entities.customer
        .delete({ id: profile.id })
        .where(({ version }, { eq }) => eq(version, profile.version))
        .commit(),
      entities.uniqueValue.delete({ kind: 'email', value: profile.email }).commit(),
      ...searchIndexChanges(entities, profile, null),
    ])
    .go();
  if (!canceled) return true;
  const reasons = (data as readonly { code?: string }[]).map((item) => item.code);
  if (reasons[0] === 'ConditionalCheckFailed') return false;
  if (reasons.includes('TransactionConflict')) throw contention();
  throw new Error(`The profile of ${profile.id} could not be deleted: ${reasons.join(', ')}`);
}
