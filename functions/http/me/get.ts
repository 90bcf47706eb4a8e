import { httpHandler } from '../../platform/http-handler';
import { json, resource } from '../../platform/responses';
import { describeMe } from '../../usecases/profiles';

export const handler = httpHandler('GET /v1/me', {}, async (request) => {
  const me = await describeMe(request.caller);
  return 'version' in me ? resource(200, me) : json(200, me);
});
