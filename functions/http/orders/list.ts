import { forbidden, ValidationFailed } from '../../core/errors';
import { listOrders } from '../../data/orders';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { presentOrder } from './present';
import { ordersListRoute } from './routes';

export const handler = httpHandler(ordersListRoute, async (request) => {
  const { caller } = request;
  const { state, fulfilment, sort, cursor, limit } = request.query;
  if (caller.role === 'customer' && (request.query.customerId ?? caller.id) !== caller.id) {
    throw forbidden('Customers list their own orders only.');
  }
  if (caller.role === 'customer' && fulfilment) throw forbidden('Only employees filter by fulfilment.');
  if (fulfilment && state && state !== 'APPROVED') {
    throw new ValidationFailed('Only approved orders have a fulfilment step.', [
      { path: 'query.state', message: 'Must be APPROVED (or absent) with fulfilment' },
    ]);
  }
  const customerId = caller.role === 'customer' ? caller.id : request.query.customerId;
  // The v1 binding, extended only by what v1 did not have, so that cursors handed out before stay valid.
  const binding = `orders:${caller.id}:${customerId ?? '*'}:${state ?? '*'}${fulfilment ? `:fulfilment=${fulfilment}` : ''}${sort === 'oldest' ? ':oldest' : ''}`;
  const page = await listOrders({ customerId, state, fulfilment }, { binding, cursor, limit, sort });
  return json(200, { items: page.items.map(presentOrder), nextCursor: page.nextCursor });
});
