import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { DomainError, emailTaken, ValidationFailed } from '../core/errors';
import { cognito, CUSTOMERS_GROUP } from './cognito';
import { config } from './config';
import { signIn } from './identity';

export interface SignUp {
  email: string;
  password: string;
  name: string;
  phoneNumber: string;
  address?: string;
}

/** The Cognito user of a registration; `created` when this attempt created it (and may delete it again). */
export interface CustomerAccount {
  sub: string;
  created: boolean;
}

const errorName = (error: unknown) => (error as { name?: string }).name ?? '';
const subOf = (attributes: AttributeType[] | undefined) => attributes?.find((attribute) => attribute.Name === 'sub')?.Value;

/**
 * A user created by the API itself (AdminCreateUser with MessageAction SUPPRESS and a verified
 * email), not a self sign-up: Cognito mails nothing (no verification code that would mean
 * nothing, no draw on its daily email quota). A user that exists already is taken over only when
 * an earlier attempt left it unfinished: nobody ever had its password, or the caller proves it is
 * theirs by signing in with it.
 */
export async function createCustomerAccount(user: SignUp): Promise<CustomerAccount> {
  const attributes = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: user.name },
    { Name: 'phone_number', Value: user.phoneNumber },
    ...(user.address ? [{ Name: 'address', Value: user.address }] : []),
  ];
  try {
    const { User } = await cognito.send(
      new AdminCreateUserCommand({ UserPoolId: config.userPoolId, Username: user.email, MessageAction: 'SUPPRESS', UserAttributes: attributes }),
    );
    return { sub: subOf(User?.Attributes)!, created: true };
  } catch (error) {
    if (errorName(error) !== 'UsernameExistsException') throw error;
  }
  return { sub: await unfinishedAccountOf(user), created: false };
}

async function unfinishedAccountOf(user: SignUp): Promise<string> {
  const found = await cognito.send(new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: user.email }));
  const sub = subOf(found.UserAttributes)!;
  // Created by an attempt that died before setting the password: nobody can sign in as it.
  if (found.UserStatus === 'FORCE_CHANGE_PASSWORD') return sub;
  if (found.UserStatus === 'CONFIRMED' && (await isPasswordOf(user.email, user.password))) return sub;
  throw emailTaken();
}

async function isPasswordOf(email: string, password: string): Promise<boolean> {
  try {
    await signIn(email, password);
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_credentials') return false;
    throw error;
  }
}

/** The password the customer chose, permanent (the user leaves FORCE_CHANGE_PASSWORD), and group `customers`. */
export async function activateCustomerAccount(user: SignUp): Promise<void> {
  try {
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId, Username: user.email, Password: user.password, Permanent: true }),
    );
  } catch (error) {
    if (errorName(error) === 'InvalidPasswordException') {
      throw new ValidationFailed('The password does not meet the policy.', [{ path: 'body.password', message: 'Rejected by the password policy' }]);
    }
    throw error;
  }
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: config.userPoolId, Username: user.email, GroupName: CUSTOMERS_GROUP }));
}

export async function deleteCustomerAccount(email: string): Promise<void> {
  await cognito.send(new AdminDeleteUserCommand({ UserPoolId: config.userPoolId, Username: email }));
}
