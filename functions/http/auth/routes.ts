import type { RouteDeclaration } from '../../route-declaration';
import { passwordResetBody, passwordResetConfirmBody, refreshBody, registerBody, tokenBody } from './schemas';

const noStore = { 'Cache-Control': { description: 'Tokens are never cached: `no-store`.', schema: { type: 'string', const: 'no-store' } } };

export const authRegisterRoute = {
  method: 'POST',
  path: '/v1/auth/register',
  handler: 'http/auth/register',
  auth: 'public',
  // The API creates the user itself (no self sign-up: Cognito mails nothing), sets its password and
  // group, reads a user an earlier attempt left unfinished and deletes the one a failed attempt
  // created; it signs in to tell the same person retrying. IAM cannot narrow these to customers;
  // the code touches only the email it claimed.
  data: {
    signingKey: true,
    reads: ['customer', 'employee'],
    writes: ['uniqueValue', 'customer', 'customerSearchEntry'],
    // The email's claim, released when a step fails.
    deletes: ['uniqueValue'],
    cognito: ['AdminCreateUser', 'AdminSetUserPassword', 'AdminAddUserToGroup', 'AdminGetUser', 'AdminDeleteUser', 'InitiateAuth'],
  },
  summary: 'Register a customer',
  description:
    'Creates a confirmed Cognito user in the `customers` group and the customer profile. The password follows the Cognito policy: 8+ characters with an upper-case letter, a lower-case letter and a digit. Cognito sends no email (the API verifies the address itself). A registration either completes or leaves nothing behind; one that was cut off halfway (a timeout) is finished by the same person retrying with the same email and password, 30 seconds later at most (until then `email_taken`). Cognito throttling or quota answers 503 with `Retry-After`.',
  body: {
    schema: registerBody,
    name: 'RegisterRequest',
    example: { email: 'alice@example.com', password: 'Secret123', name: 'Alice Wanjiru', phoneNumber: '+254722000000', address: '12 Moi Avenue, Nairobi' },
  },
  idempotent: true,
  success: { status: 201, description: 'The new customer profile.', schema: 'CustomerProfile', etag: true },
  problems: ['email_taken'],
} as const satisfies RouteDeclaration;

export const authTokenRoute = {
  method: 'POST',
  path: '/v1/auth/token',
  handler: 'http/auth/token',
  auth: 'public',
  // InitiateAuth (password and refresh) is a public Cognito API: these touch nothing of ours.
  data: { cognito: ['InitiateAuth'] },
  summary: 'Sign in with email and password',
  description: 'Returns Cognito tokens. Use the `accessToken` as the bearer token (the Authorize button of /docs).',
  body: { schema: tokenBody, name: 'TokenRequest', example: { email: 'employee@example.com', password: 'Employee123' } },
  success: { status: 200, description: 'Tokens.', schema: 'Tokens', headers: noStore },
  problems: ['invalid_credentials'],
} as const satisfies RouteDeclaration;

export const authRefreshRoute = {
  method: 'POST',
  path: '/v1/auth/refresh',
  handler: 'http/auth/refresh',
  auth: 'public',
  data: { cognito: ['InitiateAuth'] },
  summary: 'Refresh the tokens',
  body: { schema: refreshBody, name: 'RefreshRequest' },
  success: { status: 200, description: 'New access and id tokens.', schema: 'RefreshedTokens', headers: noStore },
  problems: ['invalid_credentials'],
} as const satisfies RouteDeclaration;

export const authPasswordResetRoute = {
  method: 'POST',
  path: '/v1/auth/password-reset',
  handler: 'http/auth/password-reset',
  auth: 'public',
  // ForgotPassword is a public Cognito API: it touches nothing of ours.
  data: { cognito: ['ForgotPassword'] },
  summary: 'Start a forgotten-password reset',
  description:
    'Cognito emails a code to the account\'s address; finish with `POST /v1/auth/password-reset/confirm`. The answer is the same 204 whether or not an account has this email (no account discovery). Cognito throttling or its limit of reset attempts answers 503 with `Retry-After`. On the local stack the code is in the email outbox, `GET /_local/email-outbox`.',
  body: { schema: passwordResetBody, name: 'PasswordResetRequest', example: { email: 'alice@example.com' } },
  success: { status: 204, description: 'The reset started if the account exists (the same answer when it does not).' },
} as const satisfies RouteDeclaration;

export const authPasswordResetConfirmRoute = {
  method: 'POST',
  path: '/v1/auth/password-reset/confirm',
  handler: 'http/auth/password-reset-confirm',
  auth: 'public',
  data: { cognito: ['ConfirmForgotPassword'] },
  summary: 'Set a new password with the emailed code',
  description:
    'The new password follows the policy of registration. A wrong or expired code, and an email with no account, answer 400 `invalid_reset_code` alike. Signed-in sessions are not ended: `POST /v1/auth/sign-out` does that.',
  body: {
    schema: passwordResetConfirmBody,
    name: 'PasswordResetConfirmRequest',
    example: { email: 'alice@example.com', code: '123456', newPassword: 'N3wSecret' },
  },
  success: { status: 204, description: 'The password is changed.' },
  problems: ['invalid_reset_code'],
} as const satisfies RouteDeclaration;

export const authSignOutRoute = {
  method: 'POST',
  path: '/v1/auth/sign-out',
  handler: 'http/auth/sign-out',
  auth: 'any',
  // GlobalSignOut is a public Cognito API called with the caller's own access token.
  data: { cognito: ['GlobalSignOut'] },
  summary: 'Sign out everywhere',
  description:
    'Revokes every refresh token of the caller, on every device (Cognito global sign-out): `POST /v1/auth/refresh` with any of them then answers 401 `invalid_credentials`. Access tokens already issued are not revoked at the API: they stay valid until they expire (at most 1 hour), so a client should also drop its own.',
  success: { status: 204, description: 'Every refresh token of the caller is revoked.' },
} as const satisfies RouteDeclaration;

export const authRoutes = [
  authRegisterRoute,
  authTokenRoute,
  authRefreshRoute,
  authPasswordResetRoute,
  authPasswordResetConfirmRoute,
  authSignOutRoute,
] as const;
