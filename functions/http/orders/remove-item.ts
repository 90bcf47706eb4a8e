import { httpHandler } from '../../platform/http-handler';
import { noContent } from '../../platform/responses';
import { findLine, loadVisibleOrder, removeLine } from '../../usecases/orders';
import { ordersRemoveItemRoute } from './routes';

export const handler = httpHandler(ordersRemoveItemRoute, async (request) => {
  const order = await loadVisibleOrder(request.caller, request.params.orderId);
  findLine(order, request.params.itemId);
  await removeLine(request.caller, order, request.params.itemId, request.ifMatch);
  return noContent();
});
