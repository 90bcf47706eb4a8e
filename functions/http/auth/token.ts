import { httpHandler } from '../../platform/http-handler';
import { signIn } from '../../platform/identity';
import { json } from '../../platform/responses';
import { tokenBody } from './schemas';

export const handler = httpHandler('POST /v1/auth/token', { body: tokenBody }, async (request) => {
  const { email, password } = request.body();
  return json(200, await signIn(email, password), { 'cache-control': 'no-store' });
});
