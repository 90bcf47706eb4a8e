import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { ensureCustomerProfile } from '../data/customers';
import { cognito, CUSTOMERS_GROUP } from '../platform/cognito';
import { logger } from '../platform/logger';
import { traced } from '../platform/tracer';

/**
 * Every confirmed sign-up, through the API or the hosted UI, becomes a customer with a profile.
 * Both steps are idempotent, so Cognito's retries of this trigger are harmless.
 */
async function onboard(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  const attributes = event.request.userAttributes;
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: CUSTOMERS_GROUP }),
  );
  const profile = await ensureCustomerProfile({
    id: attributes.sub,
    email: attributes.email,
    name: attributes.name ?? attributes.email,
    phoneNumber: attributes.phone_number ?? '',
    address: attributes.address ?? null,
  });
  logger.info('Customer onboarded', { customerId: profile.id });
  return event;
}

export const handler = traced(onboard);
