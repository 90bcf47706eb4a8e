import { httpHandler } from '../../platform/http-handler';
import { refreshSession } from '../../platform/identity';
import { json } from '../../platform/responses';
import { refreshBody } from './schemas';

export const handler = httpHandler('POST /v1/auth/refresh', { body: refreshBody }, async (request) =>
  json(200, await refreshSession(request.body().refreshToken), { 'cache-control': 'no-store' }),
);
