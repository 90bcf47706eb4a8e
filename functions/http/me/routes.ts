import type { RouteDeclaration } from '../../route-declaration';
import { patchMeBody } from './schemas';

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

export const meRoutes = [meGetRoute, mePatchRoute] as const;
