import { config } from '../platform/config';
import { secrets } from '../platform/secrets';

/** The Africa's Talking secret in AWS (a placeholder with empty values until the operator fills it). */
export interface AfricasTalkingSecret {
  username?: string;
  apiKey?: string;
  senderId?: string;
  /** The delivery-report callback's shared secret, when not given as SMS_CALLBACK_SECRET. */
  callbackSecret?: string;
}

const SECRET_MAX_AGE_SECONDS = 300;

/** Fetched once and cached for five minutes (Powertools parameters), so a rotated key is picked up without a deploy. */
export async function africasTalkingSecret(): Promise<AfricasTalkingSecret | undefined> {
  const arn = config.atSecretArn;
  if (!arn) return undefined;
  return ((await secrets().get(arn, { transform: 'json', maxAge: SECRET_MAX_AGE_SECONDS })) as AfricasTalkingSecret | undefined) ?? undefined;
}

/** The delivery-report callback's shared secret: SMS_CALLBACK_SECRET, else `callbackSecret` in the Africa's Talking secret. */
export async function smsCallbackSecret(): Promise<string | undefined> {
  return config.smsCallbackSecret || (await africasTalkingSecret())?.callbackSecret || undefined;
}
