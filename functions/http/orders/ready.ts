import { ordersReadyRoute } from './routes';
import { transitionHandler } from './transition';

export const handler = transitionHandler(ordersReadyRoute, 'ready');
