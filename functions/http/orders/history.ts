import { canSeeOrder } from '../../core/orders';
import { notFound } from '../../core/errors';
import { getOrderWithHistory } from '../../data/orders';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { ordersHistoryRoute } from './routes';

export const handler = httpHandler(ordersHistoryRoute, async (request) => {
  const { order, events } = await getOrderWithHistory(request.params.orderId);
  if (!order || !canSeeOrder(request.caller, order)) throw notFound('order');
  return json(200, {
    items: events.map(({ from, to, at, by, role, comments }) => ({ from: from ?? null, to, at, by, role, comments: comments ?? null })),
  });
});
