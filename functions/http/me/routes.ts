import type { RouteDeclaration } from '../../route-declaration';
import { changePasswordBody, patchMeBody } from './schemas';

export const meGetRoute = {
  method: 'GET',
  path: '/v1/me',
  handler: 'http/me/get',
  auth: 'any',
  data: { reads: ['customer', 'employee'] },
  summary: 'The signed-in user',
  description: 'For a customer, the whole profile (with its ETag); for an employee, id, email, name and role.',
  success: { status: 200, description: 'The signed-in user.', schema: 'Me', etag: 'customers' },
  problems: ['not_found'],
  resource: 'profile',
} as const satisfies RouteDeclaration;

export const mePatchRoute = {
  method: 'PATCH',
  path: '/v1/me',
  handler: 'http/me/patch',
  auth: 'customer',
  data: { reads: ['customer'], writes: ['customer', 'customerSearchEntry'] },
  summary: "Update the signed-in customer's profile",
  description: 'Blank strings count as not sent; `address: null` clears the address.',
  body: { schema: patchMeBody, name: 'PatchMeRequest', example: { phoneNumber: '+254733000000', address: null } },
  ifMatch: true,
  success: { status: 200, description: 'The updated profile.', schema: 'CustomerMe', etag: true },
  problems: ['not_found'],
  resource: 'customer',
} as const satisfies RouteDeclaration;

export const mePasswordRoute = {
  method: 'POST',
  path: '/v1/me/password',
  handler: 'http/me/password',
  auth: 'any',
  // ChangePassword is a public Cognito API called with the caller's own access token.
  data: { cognito: ['ChangePassword'] },
  summary: 'Change the password',
  description:
    'For a signed-in customer or employee. The new password follows the policy of registration. A wrong current password answers 400 `wrong_current_password` (Cognito limits the attempts: past them, 503 with `Retry-After`). Other sessions stay signed in: `POST /v1/auth/sign-out` ends them.',
  body: { schema: changePasswordBody, name: 'ChangePasswordRequest', example: { currentPassword: 'Secret123', newPassword: 'N3wSecret' } },
  success: { status: 204, description: 'The password is changed.' },
  problems: ['wrong_current_password'],
} as const satisfies RouteDeclaration;

export const meRoutes = [meGetRoute, mePatchRoute, mePasswordRoute] as const;
