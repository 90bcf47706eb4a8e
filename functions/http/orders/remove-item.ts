import { httpHandler } from '../../platform/http-handler';
import { noContent } from '../../platform/responses';
import { loadVisibleOrder, removeLine } from '../../usecases/orders';

export const handler = httpHandler('DELETE /v1/orders/{orderId}/items/{itemId}', {}, async (request) => {
  const order = await loadVisibleOrder(request.caller, request.params.orderId);
  await removeLine(request.caller, order, request.params.itemId, request.ifMatch);
  return noContent();
});
