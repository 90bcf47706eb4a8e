import { httpHandler } from '../../platform/http-handler';
import { idempotency } from '../../platform/idempotency';
import { resource } from '../../platform/responses';
import { registerCustomer } from '../../usecases/register-customer';
import { registerBody } from './schemas';

export const handler = httpHandler('POST /v1/auth/register', { body: registerBody, middlewares: idempotency() }, async (request) =>
  resource(201, await registerCustomer(request.body())),
);
