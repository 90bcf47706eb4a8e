import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import { loadVisibleOrder } from '../../usecases/orders';
import { presentOrder } from './present';

export const handler = httpHandler('GET /v1/orders/{orderId}', {}, async (request) =>
  resource(200, presentOrder(await loadVisibleOrder(request.caller, request.params.orderId))),
);
