import { ordersRejectRoute } from './routes';
import { transitionHandler } from './transition';

export const handler = transitionHandler(ordersRejectRoute, 'reject');
