import { getCustomer } from '../data/customers';
import { addToInbox } from '../data/notifications';
import { recordDropped } from '../data/sms-deliveries';
import { logger } from '../platform/logger';
import type { OrderChange } from '../streams/order-changes';
import { attemptDelivery, type AttemptResult, type AttemptSettings } from './attempt';
import { messageFor } from './messages';
import { countSms } from './metrics';
import { maskPhone } from './phone';

export interface NotifierOptions extends Omit<AttemptSettings, 'leaseMs' | 'now'> {
  /** Default: {@link DEFAULT_LEASE_MS}. */
  leaseMs?: number;
  /** The clock every claim, lease and retry time is read from (tests inject one). */
  now?: () => Date;
  /** Phone number of a customer; null when there is none (no such customer, or no number). */
  phoneOf?: (customerId: string) => Promise<string | null>;
}

export interface Notifier {
  notify(change: OrderChange): Promise<void>;
}

/** The default sender timeout (SMS_TIMEOUT_MS, 5 s) plus a 30 s margin. */
export const DEFAULT_LEASE_MS = 35_000;

const defaultPhoneOf = async (customerId: string) => (await getCustomer(customerId))?.phoneNumber ?? null;

export const attemptSettingsOf = ({ leaseMs = DEFAULT_LEASE_MS, now = () => new Date(), sender, deadLetters, maxAttempts }: NotifierOptions): AttemptSettings => ({
  sender,
  deadLetters,
  maxAttempts,
  leaseMs,
  now,
});

function logAttempt(result: AttemptResult): void {
  if (result.outcome === 'not-claimed') logger.info('SMS not attempted here: decided, in flight or waiting for the sweep', { status: result.delivery.status });
  else if (result.outcome === 'sent') logger.info('SMS sent', { providerMessageId: result.providerMessageId });
  else logger.info('SMS attempt recorded', { outcome: result.outcome });
}

/**
 * Notifies a customer of an order change: the inbox first (its own exactly-once transaction),
 * then one attempt at the SMS (functions/notifications/attempt.ts) if this invocation can claim
 * it. A delivery held by another invocation, waiting for its next attempt or decided is left to
 * the retry sweep or alone: nothing here throws because of a lease or the provider, so a stream
 * record never spends its retries on them. Only failures to write our own records throw.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const settings = attemptSettingsOf(options);
  const phoneOf = options.phoneOf ?? defaultPhoneOf;

  async function sendSms(change: OrderChange, text: string): Promise<void> {
    const { orderId, state, customerId } = change;
    const to = await phoneOf(customerId);
    if (!to) {
      const recorded = await recordDropped({ orderId, state, recipientId: customerId, to: '', message: text }, settings.now(), 'The customer has no phone number');
      if (recorded) countSms('SmsDropped');
      logger.warn('No number to text for this order: the SMS is dropped', { customerId });
      return;
    }
    logger.appendKeys({ to: maskPhone(to), sender: settings.sender.name });
    logAttempt(await attemptDelivery(settings, { orderId, state, recipientId: customerId, to, message: text }));
  }

  return {
    async notify(change) {
      const { orderId, state, customerId } = change;
      logger.appendKeys({ orderId, state });
      try {
        const text = messageFor(change);
        const added = await addToInbox({ recipientId: customerId, orderId, state, message: text, createdAt: change.at });
        if (!added) logger.info('Inbox message already written (redelivery)');
        await sendSms(change, text);
      } finally {
        logger.removeKeys(['orderId', 'state', 'to', 'sender']);
      }
    },
  };
}
