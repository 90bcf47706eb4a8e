import { updateCustomer } from '../../data/customers';
import { httpHandler } from '../../platform/http-handler';
import { resource } from '../../platform/responses';
import { customerVisibleTo } from '../../usecases/profiles';
import { patchMeBody } from './schemas';

export const handler = httpHandler('PATCH /v1/me', { body: patchMeBody }, async (request) => {
  await customerVisibleTo(request.caller, request.caller.id);
  const updated = await updateCustomer(request.caller.id, request.body(), request.ifMatch);
  return resource(200, { ...updated, role: 'customer' });
});
