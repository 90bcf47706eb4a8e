import type { z } from 'zod';
import type { OrderAction } from '../../core/transitions';
import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import type { RouteKey } from '../../routes';
import { loadVisibleOrder, transition } from '../../usecases/orders';
import { presentOrder } from './present';

/** submit, approve, reject and cancel differ only in their action and body. */
export function transitionHandler(key: RouteKey, action: OrderAction, body: z.ZodType<{ comments?: string }>) {
  return httpHandler(key, { body }, async (request) => {
    const order = await loadVisibleOrder(request.caller!, request.params.orderId);
    const { comments } = request.body();
    return resource(200, presentOrder(await transition(request.caller!, order, action, comments, request.ifMatch)));
  });
}
