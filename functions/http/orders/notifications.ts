import type { SmsDelivery } from '../../data/sms-deliveries';
import { listDeliveries } from '../../data/sms-deliveries';
import { contractStatusOf } from '../../notifications/contract-status';
import { maskPhone } from '../../notifications/phone';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { loadVisibleOrder } from '../../usecases/orders';
import { ordersNotificationsRoute } from './routes';

const presentDelivery = (delivery: SmsDelivery) => ({
  event: delivery.state,
  to: maskPhone(delivery.to),
  status: contractStatusOf(delivery.status),
  attempts: delivery.attempts,
  providerStatus: delivery.providerStatus ?? null,
  updatedAt: delivery.updatedAt,
});

/**
 * One Query of the order's delivery records. Only when it finds none is the order itself read, to
 * tell an order with nothing sent yet (an empty list) from no order at all (404).
 */
export const handler = httpHandler(ordersNotificationsRoute, async (request) => {
  const { orderId } = request.params;
  const deliveries = await listDeliveries(orderId);
  if (deliveries.length === 0) await loadVisibleOrder(request.caller, orderId);
  return json(200, { items: deliveries.map(presentDelivery) });
});
