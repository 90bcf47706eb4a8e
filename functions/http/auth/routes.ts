import type { RouteDeclaration } from '../../route-declaration';
import { refreshBody, registerBody, tokenBody } from './schemas';

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
    reads: ['customer'],
    writes: ['uniqueValue', 'customer', 'customerSearchEntry'],
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

export const authRoutes = [authRegisterRoute, authTokenRoute, authRefreshRoute] as const;
