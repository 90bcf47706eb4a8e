import { emailTaken, ProblemError } from '../core/errors';
import { claimEmail, ensureCustomerProfile, releaseEmail, type CustomerProfile } from '../data/customers';
import { signUpConfirmed, type SignUp } from '../platform/identity';

/**
 * The email is claimed in the table first, so concurrent registrations with one email leave exactly
 * one winner even where the identity provider is not atomic about it.
 */
export async function registerCustomer(user: SignUp): Promise<CustomerProfile> {
  if (!(await claimEmail(user.email))) throw emailTaken();
  let id: string;
  try {
    id = await signUpConfirmed(user);
  } catch (error) {
    const takenInCognito = error instanceof ProblemError && error.code === 'email_taken';
    if (!takenInCognito) await releaseEmail(user.email);
    throw error;
  }
  // The post-confirmation trigger has created the profile by now; this returns it (or creates it if the trigger is not wired).
  const { password: _password, ...profile } = user;
  return ensureCustomerProfile({ id, ...profile });
}
