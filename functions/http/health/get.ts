import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';

export const handler = httpHandler('GET /v1/health', {}, async () => json(200, { status: 'ok' }));
