import type * as z from 'zod';
import type { OrderAction } from '../../core/transitions';
import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import type { RouteDeclaration } from '../../route-declaration';
import { loadVisibleOrder, transition } from '../../usecases/orders';
import { presentOrder } from './present';

type TransitionRoute = RouteDeclaration & { body: { schema: z.ZodType<{ comments?: string }> } };

/** submit, approve, reject and cancel differ only in their route and action. */
export function transitionHandler(route: TransitionRoute, action: OrderAction) {
  return httpHandler(route, async (request) => {
    const order = await loadVisibleOrder(request.caller!, request.params.orderId);
    const { comments } = request.body();
    return resource(200, presentOrder(await transition(request.caller!, order, action, comments, request.ifMatch)));
  });
}
