import { httpHandler } from '../../platform/http-handler';
import { refreshSession } from '../../platform/identity';
import { json } from '../../platform/responses';
import { authRefreshRoute } from './routes';

export const handler = httpHandler(authRefreshRoute, async (request) =>
  json(200, await refreshSession(request.body().refreshToken), { 'cache-control': 'no-store' }),
);
