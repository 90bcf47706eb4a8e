import { findCustomerByCode, listCustomers } from '../../data/customers';
import { searchCustomers } from '../../data/customer-search';
import { customerListBinding } from '../../core/cursor-bindings';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { customersListRoute } from './routes';

export const handler = httpHandler(customersListRoute, async (request) => {
  const { code, q, cursor, limit } = request.query;
  if (code) return json(200, { items: await findCustomerByCode(code), nextCursor: null });
  const binding = customerListBinding(request.caller.id, q);
  if (q) return json(200, await searchCustomers(q, { binding, cursor, limit }));
  return json(200, await listCustomers({ binding, cursor, limit }));
});
