import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { healthGetRoute } from './routes';

export const handler = httpHandler(healthGetRoute, async () => json(200, { status: 'ok' }));
