import { httpHandler } from '../../platform/http-handler';
import { startPasswordReset } from '../../platform/passwords';
import { noContent } from '../../platform/responses';
import { authPasswordResetRoute } from './routes';

export const handler = httpHandler(authPasswordResetRoute, async (request) => {
  await startPasswordReset(request.body().email);
  return noContent();
});
