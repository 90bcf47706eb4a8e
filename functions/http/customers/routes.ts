import type { RouteDeclaration } from '../../route-declaration';
import { listCustomersQuery } from './schemas';

export const customersListRoute = {
  method: 'GET',
  path: '/v1/customers',
  handler: 'http/customers/list',
  auth: 'employee',
  // By code (gsi1), newest first (gsi2), by search term (the entries' own partitions).
  data: { queries: ['customer.byCode', 'customer.byCreated', 'customerSearchEntry.byTerm'] },
  summary: 'List or search customers',
  description:
    'Newest first. `code` finds the customer with that code (a single page). `q` searches by phone-number prefix (a `q` starting with `+` or a digit) or by name, at the start of any of the first 4 words, ignoring case and accents; one DynamoDB Query per page. Name queries longer than 8 characters (after folding) are matched in full against the entries of their first 8, reading on until the page is full. `q` with `code` is a 400.',
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
