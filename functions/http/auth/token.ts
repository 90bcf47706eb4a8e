import { httpHandler } from '../../platform/http-handler';
import { signIn } from '../../platform/identity';
import { json } from '../../platform/responses';
import { authTokenRoute } from './routes';

export const handler = httpHandler(authTokenRoute, async (request) => {
  const { email, password } = request.body();
  return json(200, await signIn(email, password), { 'cache-control': 'no-store' });
});
