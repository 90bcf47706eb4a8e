import { InitiateAuthCommand, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { invalidCredentials } from '../core/errors';
import { cognito } from './cognito';
import { config } from './config';

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

/** Cognito's refresh tokens are JWE (five base64url parts), cognito-local's JWS (three): anything else is no token. */
const REFRESH_TOKEN_FORMAT = /^[\w-]+(\.[\w-]*){2,4}$/;

export async function refreshSession(refreshToken: string): Promise<Tokens> {
  if (!REFRESH_TOKEN_FORMAT.test(refreshToken)) throw invalidCredentials();
  const { refreshToken: _unchanged, ...tokens } = await initiateAuth('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
  return tokens;
}
