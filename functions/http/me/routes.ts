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
  data: { reads: ['customer'], writes: ['customer', 'customerSearchEntry'], deletes: ['customerSearchEntry'] },
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

export const meDeleteRoute = {
  method: 'DELETE',
  path: '/v1/me',
  handler: 'http/me/delete',
  auth: 'customer',
  data: {
    reads: ['customer', 'order'],
    queries: ['order.byCustomer'],
    writes: ['customerOrders', 'order', 'orderEvent'],
    deletes: ['customer', 'customerSearchEntry', 'uniqueValue'],
    cognito: ['AdminDeleteUser'],
  },
  summary: "Delete the signed-in customer's account",
  description:
    "For customers (employees: 403). Deletes the Cognito user and the profile's personal data (name, email, phone number, address, and the customer-search entries); the email is free for a new registration. The customer's orders stay for the shop's books under the customer's id only, with their lines, totals and history unchanged; those in CREATED or PENDING are canceled first, with a notice in their history, and no order can be created for the customer any more (an order being created at the same moment is either canceled or refused). Afterwards `GET /v1/customers/{customerId}` is a 404 for everyone, and the old tokens get 401 or 404 (an access token keeps passing the gateway until it expires, at most 1 hour, but reaches no data). Notifications still on their way are not sent: the profile has no phone number any more. A deletion cut off halfway is finished by repeating it; once finished, 404.",
  success: { status: 204, description: 'The account is deleted.' },
  problems: ['not_found'],
  resource: 'customer',
} as const satisfies RouteDeclaration;

export const meRoutes = [meGetRoute, mePatchRoute, mePasswordRoute, meDeleteRoute] as const;
