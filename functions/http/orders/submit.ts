import { ordersSubmitRoute } from './routes';
import { transitionHandler } from './transition';

export const handler = transitionHandler(ordersSubmitRoute, 'submit');
