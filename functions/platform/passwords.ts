import {
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GlobalSignOutCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidResetCode, unauthorized, ValidationFailed, wrongCurrentPassword } from '../core/errors';
import { cognito } from './cognito';
import { config } from './config';

const errorName = (error: unknown) => (error as { name?: string }).name ?? '';

/**
 * What Cognito answers about an account that cannot be reset (none, or one without a verified
 * email). Every one of them gets the same answer as a reset that started: no account discovery.
 */
const UNRESETTABLE = new Set(['UserNotFoundException', 'InvalidParameterException', 'NotAuthorizedException']);

/** Starts a reset: Cognito mails a code to the account's email, when there is such an account. */
export async function startPasswordReset(email: string): Promise<void> {
  try {
    await cognito.send(new ForgotPasswordCommand({ ClientId: config.userPoolClientId, Username: email }));
  } catch (error) {
    if (!UNRESETTABLE.has(errorName(error))) throw error;
  }
}

/** A wrong or expired code, and an unknown email (Cognito answers a code mismatch for it too), are one answer. */
const BAD_CODE = new Set(['CodeMismatchException', 'ExpiredCodeException', 'UserNotFoundException', 'NotAuthorizedException']);

const policyRefusal = () => new ValidationFailed('The new password does not meet the policy.', [{ path: 'body.newPassword', message: 'Refused by the password policy' }]);

export async function confirmPasswordReset(email: string, code: string, newPassword: string): Promise<void> {
  try {
    await cognito.send(
      new ConfirmForgotPasswordCommand({ ClientId: config.userPoolClientId, Username: email, ConfirmationCode: code, Password: newPassword }),
    );
  } catch (error) {
    if (BAD_CODE.has(errorName(error))) throw invalidResetCode();
    if (errorName(error) === 'InvalidPasswordException') throw policyRefusal();
    throw error;
  }
}

/** Cognito refuses a revoked or expired access token with NotAuthorizedException too; its message tells them apart. */
const isTokenRefusal = (error: unknown) => /token/i.test((error as Error).message ?? '');

export async function changePassword(accessToken: string, currentPassword: string, newPassword: string): Promise<void> {
  try {
    await cognito.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: currentPassword, ProposedPassword: newPassword }));
  } catch (error) {
    const name = errorName(error);
    if (name === 'NotAuthorizedException' && isTokenRefusal(error)) throw unauthorized();
    // Cognito: NotAuthorizedException; cognito-local: InvalidPasswordException, for a wrong current password.
    if (name === 'NotAuthorizedException' || name === 'InvalidPasswordException') throw wrongCurrentPassword();
    throw error;
  }
}

/** Revokes every refresh token of the caller (access tokens stay valid at the gateway until they expire). */
export async function signOutEverywhere(accessToken: string): Promise<void> {
  try {
    await cognito.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
  } catch (error) {
    if (errorName(error) === 'NotAuthorizedException') throw unauthorized();
    throw error;
  }
}
