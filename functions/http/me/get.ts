import { httpHandler } from '../../platform/http-handler';
import { json, resource } from '../../platform/responses';
import { describeMe } from '../../usecases/profiles';
import { meGetRoute } from './routes';

export const handler = httpHandler(meGetRoute, async (request) => {
  const me = await describeMe(request.caller);
  return 'version' in me ? resource(200, me) : json(200, me);
});
