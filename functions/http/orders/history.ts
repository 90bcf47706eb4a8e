import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { loadVisibleHistory } from '../../usecases/orders';
import { ordersHistoryRoute } from './routes';

export const handler = httpHandler(ordersHistoryRoute, async (request) => {
  const events = await loadVisibleHistory(request.caller, request.params.orderId);
  return json(200, {
    items: events.map(({ from, to, at, by, role, comments }) => ({ from: from ?? null, to, at, by, role, comments: comments ?? null })),
  });
});
