import { rejectBody } from './schemas';
import { transitionHandler } from './transition';

export const handler = transitionHandler('POST /v1/orders/{orderId}/reject', 'reject', rejectBody);
