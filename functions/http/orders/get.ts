import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import { loadVisibleOrder } from '../../usecases/orders';
import { presentOrder } from './present';
import { ordersGetRoute } from './routes';

export const handler = httpHandler(ordersGetRoute, async (request) =>
  resource(200, presentOrder(await loadVisibleOrder(request.caller, request.params.orderId))),
);
