import { checkMaySetPrice } from '../../core/orders';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { changeLine, findLine, loadVisibleOrder } from '../../usecases/orders';
import { presentLine } from './present';
import { ordersUpdateItemRoute } from './routes';

export const handler = httpHandler(ordersUpdateItemRoute, async (request) => {
  const { caller, params } = request;
  checkMaySetPrice(caller, request.peek('unitPrice'));
  const order = await loadVisibleOrder(caller, params.orderId);
  findLine(order, params.itemId);
  const { quantity, unitPrice } = request.body();
  const changes = { ...(quantity !== undefined && { quantity }), ...(unitPrice !== undefined && { unitPriceCents: unitPrice }) };
  return json(200, presentLine(await changeLine(caller, order, params.itemId, changes, request.ifMatch)));
});
