import { notFound } from '../../core/errors';
import { canSeeOrder, checkMaySetPrice } from '../../core/orders';
import { getOrderAndItem } from '../../data/orders';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { addLine } from '../../usecases/orders';
import { presentLine } from './present';
import { ordersAddItemRoute } from './routes';

export const handler = httpHandler(ordersAddItemRoute, async (request) => {
  const { caller } = request;
  checkMaySetPrice(caller, request.peek('unitPrice'));
  const itemId = request.peek('itemId');
  const { order, item } = await getOrderAndItem(request.params.orderId, typeof itemId === 'string' ? itemId : undefined);
  if (!order || !canSeeOrder(caller, order)) throw notFound('order');
  const { quantity, unitPrice } = request.body();
  const line = await addLine(caller, order, item, { itemId: itemId as string, quantity, unitPriceCents: unitPrice }, request.ifMatch);
  return json(201, presentLine(line));
});
