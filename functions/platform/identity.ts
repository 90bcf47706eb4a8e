import {
  AdminConfirmSignUpCommand,
  AdminUpdateUserAttributesCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { emailTaken, invalidCredentials, ValidationFailed } from '../core/errors';
import { cognito } from './cognito';
import { config } from './config';

export interface SignUp {
  email: string;
  password: string;
  name: string;
  phoneNumber: string;
  address?: string;
}

const errorName = (error: unknown) => (error as { name?: string }).name ?? '';

/** Cognito's 4xx answers to bad credentials; anything else (a 5xx, the network) is not the caller's fault. */
const CREDENTIAL_ERRORS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
  // cognito-local's answer to a wrong password.
  'InvalidPasswordException',
  'InvalidParameterException',
]);

/** Creates a confirmed user; confirming runs the post-confirmation trigger (group and profile). Returns the sub. */
export async function signUpConfirmed(user: SignUp): Promise<string> {
  const attributes = [
    { Name: 'email', Value: user.email },
    { Name: 'name', Value: user.name },
    { Name: 'phone_number', Value: user.phoneNumber },
    ...(user.address ? [{ Name: 'address', Value: user.address }] : []),
  ];
  let sub: string;
  try {
    const result = await cognito.send(
      new SignUpCommand({ ClientId: config.userPoolClientId, Username: user.email, Password: user.password, UserAttributes: attributes }),
    );
    sub = result.UserSub!;
  } catch (error) {
    if (errorName(error) === 'UsernameExistsException') throw emailTaken();
    if (errorName(error) === 'InvalidPasswordException') {
      throw new ValidationFailed('The password does not meet the policy.', [{ path: 'body.password', message: 'Rejected by the password policy' }]);
    }
    throw error;
  }
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: config.userPoolId, Username: user.email }));
  await cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: config.userPoolId,
      Username: user.email,
      // The emulator refuses email_verified without the email itself; AWS accepts both.
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  return sub;
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

async function initiateAuth(flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH', parameters: Record<string, string>): Promise<Tokens> {
  let result: AuthenticationResultType | undefined;
  try {
    ({ AuthenticationResult: result } = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: flow, ClientId: config.userPoolClientId, AuthParameters: parameters }),
    ));
  } catch (error) {
    if (CREDENTIAL_ERRORS.has(errorName(error))) throw invalidCredentials();
    throw error;
  }
  // A pending challenge (a new password, MFA) is no session: this API signs in with passwords only.
  if (!result?.AccessToken || !result.IdToken) throw invalidCredentials();
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    ...(result.RefreshToken && { refreshToken: result.RefreshToken }),
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: 'Bearer',
  };
}

export const signIn = (email: string, password: string) =>
  initiateAuth('USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD: password });

export async function refreshSession(refreshToken: string): Promise<Tokens> {
  const { refreshToken: _unchanged, ...tokens } = await initiateAuth('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
  return tokens;
}
