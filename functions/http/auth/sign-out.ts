import { unauthorized } from '../../core/errors';
import { httpHandler } from '../../platform/http-handler';
import { signOutEverywhere } from '../../platform/passwords';
import { noContent } from '../../platform/responses';
import { authSignOutRoute } from './routes';

export const handler = httpHandler(authSignOutRoute, async (request) => {
  if (!request.accessToken) throw unauthorized();
  await signOutEverywhere(request.accessToken);
  return noContent();
});
