import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import { customerVisibleTo } from '../../usecases/profiles';
import { customersGetRoute } from './routes';

export const handler = httpHandler(customersGetRoute, async (request) =>
  resource(200, await customerVisibleTo(request.caller, request.params.customerId)),
);
