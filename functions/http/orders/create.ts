import { checkOrderingFor } from '../../core/orders';
import { countBusinessEvent } from '../../platform/business-metrics';
import { httpHandler } from '../../platform/http-handler';
import { idempotency } from '../../platform/idempotency';
import { resource } from '../../platform/responses';
import { placeOrder } from '../../usecases/orders';
import { presentOrder } from './present';
import { ordersCreateRoute } from './routes';

export const handler = httpHandler(ordersCreateRoute, async (request) => {
  checkOrderingFor(request.caller, request.peek('customerId'));
  const { customerId, comments } = request.body();
  const order = await placeOrder(request.caller, { customerId, comments }, request.idempotencyKey);
  countBusinessEvent('OrdersCreated');
  return resource(201, presentOrder(order));
}, { middlewares: idempotency() });
