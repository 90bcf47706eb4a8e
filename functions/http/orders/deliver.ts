import { ordersDeliverRoute } from './routes';
import { transitionHandler } from './transition';

export const handler = transitionHandler(ordersDeliverRoute, 'deliver');
