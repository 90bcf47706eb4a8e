import { ordersApproveRoute } from './routes';
import { transitionHandler } from './transition';

export const handler = transitionHandler(ordersApproveRoute, 'approve');
