import type * as z from 'zod';
import type { FulfilmentAction, OrderAction } from '../../core/transitions';
import { countBusinessEvent, type BusinessMetric } from '../../platform/business-metrics';
import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import type { RouteDeclaration } from '../../route-declaration';
import { fulfil, loadVisibleOrder, transition } from '../../usecases/orders';
import { presentOrder } from './present';

type TransitionRoute = RouteDeclaration & { body: { schema: z.ZodType<{ comments?: string }> } };

const FULFILMENT_ACTIONS: readonly string[] = ['ready', 'deliver'] satisfies FulfilmentAction[];
/** The business metric a successful action counts, if any. */
const COUNTED: Partial<Record<OrderAction | FulfilmentAction, BusinessMetric>> = { approve: 'OrdersApproved', reject: 'OrdersRejected' };

const isFulfilment = (action: OrderAction | FulfilmentAction): action is FulfilmentAction => FULFILMENT_ACTIONS.includes(action);

/** submit, approve, reject, cancel, ready and deliver differ only in their route and action. */
export function transitionHandler(route: TransitionRoute, action: OrderAction | FulfilmentAction) {
  return httpHandler(route, async (request) => {
    const caller = request.caller!;
    const order = await loadVisibleOrder(caller, request.params.orderId);
    const { comments } = request.body();
    const changed = isFulfilment(action)
      ? await fulfil(caller, order, action, comments, request.ifMatch)
      : await transition(caller, order, action, comments, request.ifMatch);
    const counted = COUNTED[action];
    if (counted) countBusinessEvent(counted);
    return resource(200, presentOrder(changed));
  });
}
