import { optionalCommentsBody } from './schemas';
import { transitionHandler } from './transition';

export const handler = transitionHandler('POST /v1/orders/{orderId}/deliver', 'deliver', optionalCommentsBody);
