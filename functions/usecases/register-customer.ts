import { emailTaken } from '../core/errors';
import { claimEmail, completeEmailClaim, ensureCustomerProfile, releaseEmail, type CustomerProfile } from '../data/customers';
import { getEmployee } from '../data/employees';
import {
  activateCustomerAccount,
  createCustomerAccount,
  deleteCustomerAccount,
  type CustomerAccount,
  type SignUp,
} from '../platform/customer-accounts';
import { logger } from '../platform/logger';

/**
 * Claim the email (one attempt at a time), create or take over the Cognito user, set the password
 * and the group, create the profile, then mark the email registered. Every step repeats safely:
 * an attempt that fails undoes what it created, and one that dies halfway (a timeout) leaves a
 * claim whose lease runs out, so the same person retrying with the same email and password
 * finishes the registration instead of meeting `email_taken` for ever.
 */
export async function registerCustomer(user: SignUp): Promise<CustomerProfile> {
  if (!(await claimEmail(user.email))) throw emailTaken();
  let account: CustomerAccount | undefined;
  try {
    account = await createCustomerAccount(user);
    if (await getEmployee(account.sub)) throw emailTaken();
    await activateCustomerAccount(user);
    const { password: _password, ...fields } = user;
    const profile = await ensureCustomerProfile({ id: account.sub, ...fields });
    await completeEmailClaim(user.email, profile.id);
    return profile;
  } catch (error) {
    await undo(user.email, account);
    throw error;
  }
}

/** Best effort: what this attempt did not undo, the next attempt finishes (see registerCustomer). */
async function undo(email: string, account: CustomerAccount | undefined): Promise<void> {
  const steps = [...(account?.created ? [() => deleteCustomerAccount(email)] : []), () => releaseEmail(email)];
  for (const step of steps) {
    await step().catch((error: unknown) => logger.warn('Could not undo a failed registration step', { error: error as Error }));
  }
}
