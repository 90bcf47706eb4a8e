import { ordersCancelRoute } from './routes';
import { transitionHandler } from './transition';

export const handler = transitionHandler(ordersCancelRoute, 'cancel');
