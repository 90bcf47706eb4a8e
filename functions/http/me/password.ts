import { unauthorized } from '../../core/errors';
import { httpHandler } from '../../platform/http-handler';
import { changePassword } from '../../platform/passwords';
import { noContent } from '../../platform/responses';
import { mePasswordRoute } from './routes';

export const handler = httpHandler(mePasswordRoute, async (request) => {
  if (!request.accessToken) throw unauthorized();
  const { currentPassword, newPassword } = request.body();
  await changePassword(request.accessToken, currentPassword, newPassword);
  return noContent();
});
