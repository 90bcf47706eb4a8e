import { updateCustomer } from '../../data/customers';
import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import { customerVisibleTo } from '../../usecases/profiles';
import { mePatchRoute } from './routes';

export const handler = httpHandler(mePatchRoute, async (request) => {
  const current = await customerVisibleTo(request.caller, request.caller.id);
  const updated = await updateCustomer(current, request.body(), request.ifMatch);
  return resource(200, { ...updated, role: 'customer' });
});
