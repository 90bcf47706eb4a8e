import { httpHandler } from '../../platform/http-handler';
import { confirmPasswordReset } from '../../platform/passwords';
import { noContent } from '../../platform/responses';
import { authPasswordResetConfirmRoute } from './routes';

export const handler = httpHandler(authPasswordResetConfirmRoute, async (request) => {
  const { email, code, newPassword } = request.body();
  await confirmPasswordReset(email, code, newPassword);
  return noContent();
});
