import { httpHandler } from '../../platform/http-handler';
import { noContent } from '../../platform/responses';
import { findLine, loadVisibleOrder, removeLine } from '../../usecases/orders';

export const handler = httpHandler('DELETE /v1/orders/{orderId}/items/{itemId}', {}, async (request) => {
  const order = await loadVisibleOrder(request.caller, request.params.orderId);
  findLine(order, request.params.itemId);
  await removeLine(request.caller, order, request.params.itemId, request.ifMatch);
  return noContent();
});
