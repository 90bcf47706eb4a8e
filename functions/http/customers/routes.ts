import type { RouteDeclaration } from '../../route-declaration';
import { listCustomersQuery } from './schemas';

export const customersListRoute = {
  method: 'GET',
  path: '/v1/customers',
  handler: 'http/customers/list',
  auth: 'employee',
  data: { reads: ['customer'] },
  summary: 'List customers',
  description: 'Newest first. `code` finds the customer with that code (a single page).',
  query: listCustomersQuery,
  success: { status: 200, description: 'A page of customer profiles.', schema: 'CustomerPage' },
} as const satisfies RouteDeclaration;

export const customersGetRoute = {
  method: 'GET',
  path: '/v1/customers/{customerId}',
  handler: 'http/customers/get',
  auth: 'any',
  data: { reads: ['customer'] },
  summary: 'A customer profile',
  description: 'Employees see every profile, a customer only their own; anyone else gets 404.',
  success: { status: 200, description: 'The profile.', schema: 'CustomerProfile', etag: true },
  problems: ['not_found'],
  resource: 'customer',
} as const satisfies RouteDeclaration;

export const customerRoutes = [customersListRoute, customersGetRoute] as const;
