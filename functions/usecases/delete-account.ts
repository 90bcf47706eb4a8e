import { contention, DomainError, notFound } from '../core/errors';
import type { Caller } from '../core/roles';
import { closeCustomerOrders, deleteCustomerProfile, indexedOrderIdsOf } from '../data/accounts';
import { getCustomer } from '../data/customers';
import { getOrder } from '../data/orders';
import { deleteCognitoUser } from '../platform/cognito-users';
import { transition } from './orders';

/** The notice in the history of every order the deletion cancels. */
export const ACCOUNT_DELETED_NOTICE = 'Canceled: the customer deleted their account.';

const DELETE_ATTEMPTS = 5;

/**
 * Deletes a customer's account, in an order that a retry can always finish: close the account to
 * new orders, cancel the open ones, delete the profile (with its search entries and email claim),
 * then the Cognito user. Orders stay, under the customer's id only, with their lines, totals and
 * history. A caller whose profile and user are both gone gets 404.
 */
export async function deleteAccount(caller: Caller): Promise<void> {
  const recorded = await closeCustomerOrders(caller.id);
  const indexed = await indexedOrderIdsOf(caller.id);
  for (const orderId of new Set([...recorded, ...indexed])) await cancelIfOpen(caller, orderId);
  const hadProfile = await deleteProfile(caller.id);
  const hadUser = await deleteCognitoUser(caller.id);
  if (!hadProfile && !hadUser) throw notFound('customer');
}

async function cancelIfOpen(caller: Caller, orderId: string): Promise<void> {
  const order = await getOrder(orderId);
  if (!order || (order.state !== 'CREATED' && order.state !== 'PENDING')) return;
  try {
    await transition(caller, order, 'cancel', ACCOUNT_DELETED_NOTICE, undefined);
  } catch (error) {
    // Approved, rejected or canceled meanwhile: no longer open.
    if (error instanceof DomainError && error.code === 'invalid_transition') return;
    throw error;
  }
}

/** False when there was no profile (an earlier attempt deleted it). */
async function deleteProfile(customerId: string): Promise<boolean> {
  for (let attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
    const profile = await getCustomer(customerId);
    if (!profile) return attempt > 0;
    if (await deleteCustomerProfile(profile)) return true;
  }
  throw contention();
}
