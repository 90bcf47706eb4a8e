import { findCustomerByCode, listCustomers } from '../../data/customers';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { customersListRoute } from './routes';

export const handler = httpHandler(customersListRoute, async (request) => {
  const { code, cursor, limit } = request.query;
  if (code) return json(200, { items: await findCustomerByCode(code), nextCursor: null });
  return json(200, await listCustomers({ binding: `customers:${request.caller.id}`, cursor, limit }));
});
