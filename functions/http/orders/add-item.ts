import { checkMaySetPrice } from '../../core/orders';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { addLine, loadVisibleOrderAndItem } from '../../usecases/orders';
import { presentLine } from './present';
import { ordersAddItemRoute } from './routes';

export const handler = httpHandler(ordersAddItemRoute, async (request) => {
  const { caller } = request;
  checkMaySetPrice(caller, request.peek('unitPrice'));
  const itemId = request.peek('itemId');
  const { order, item } = await loadVisibleOrderAndItem(caller, request.params.orderId, typeof itemId === 'string' ? itemId : undefined);
  const { quantity, unitPrice } = request.body();
  const line = await addLine(caller, order, item, { itemId: itemId as string, quantity, unitPriceCents: unitPrice }, request.ifMatch);
  return json(201, presentLine(line));
});
