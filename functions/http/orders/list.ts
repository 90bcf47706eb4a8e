import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { listOrdersFor } from '../../usecases/order-list';
import { presentOrder } from './present';
import { ordersListRoute } from './routes';

export const handler = httpHandler(ordersListRoute, async (request) => {
  const page = await listOrdersFor(request.caller, request.query);
  return json(200, { items: page.items.map(presentOrder), nextCursor: page.nextCursor });
});
