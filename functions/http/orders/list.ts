import { forbidden } from '../../core/errors';
import { listOrders } from '../../data/orders';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { presentOrder } from './present';
import { ordersListRoute } from './routes';

export const handler = httpHandler(ordersListRoute, async (request) => {
  const { caller } = request;
  const { state, cursor, limit } = request.query;
  if (caller.role === 'customer' && (request.query.customerId ?? caller.id) !== caller.id) {
    throw forbidden('Customers list their own orders only.');
  }
  const customerId = caller.role === 'customer' ? caller.id : request.query.customerId;
  const binding = `orders:${caller.id}:${customerId ?? '*'}:${state ?? '*'}`;
  const page = await listOrders({ customerId, state }, { binding, cursor, limit });
  return json(200, { items: page.items.map(presentOrder), nextCursor: page.nextCursor });
});
