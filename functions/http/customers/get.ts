import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import { customerVisibleTo } from '../../usecases/profiles';

export const handler = httpHandler('GET /v1/customers/{customerId}', {}, async (request) =>
  resource(200, await customerVisibleTo(request.caller, request.params.customerId)),
);
