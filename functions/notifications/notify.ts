import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { getCustomer } from '../data/customers';
import { addToInbox } from '../data/notifications';
import {
  countAttempt,
  markDeadLettered,
  markFailed,
  markSent,
  openDelivery,
  recordTransientFailure,
  type SmsDelivery,
} from '../data/sms-deliveries';
import { logger } from '../platform/logger';
import type { OrderChange } from '../streams/order-changes';
import { messageFor } from './messages';
import { countSms } from './metrics';
import { maskPhone } from './phone';
import { SmsRejected, type SmsDeadLetterQueue, type SmsMessage, type SmsSender } from './ports';

/** What one idempotent send came to; permanent refusals are outcomes too, so they are never sent again. */
export type SendOutcome =
  | { outcome: 'sent'; providerMessageId: string; providerStatus: string; cost?: string }
  | { outcome: 'rejected'; providerStatus: string; statusCode?: number };

export interface NotifierOptions {
  sender: SmsSender;
  /** Resolved only when a message is dead-lettered. */
  deadLetters: () => SmsDeadLetterQueue;
  /** Send attempts per (order, state) before the message is dead-lettered. */
  maxAttempts: number;
  /** Powertools idempotency's store (the idempotency table). */
  persistenceStore: BasePersistenceLayer;
  /** Phone number of a customer; null when there is no such customer. */
  phoneOf?: (customerId: string) => Promise<string | null>;
}

export interface Notifier {
  notify(change: OrderChange): Promise<void>;
  /** Lets an in-progress idempotency record expire when the invocation that holds it times out. */
  registerContext(context: Context): void;
}

/** Kept past the stream's 24 h retention, so no redelivery outlives its record. */
const IDEMPOTENCY_TTL_SECONDS = 2 * 24 * 60 * 60;

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

const defaultPhoneOf = async (customerId: string) => (await getCustomer(customerId))?.phoneNumber ?? null;

/**
 * Notifies a customer of an order change: the inbox first (its own exactly-once transaction),
 * then the SMS, so a failing SMS never holds back or duplicates the inbox message.
 *
 * The SMS is sent at most once per (order, state): the delivery record stops redeliveries once it
 * is decided (sent, failed, dead-lettered), and Powertools idempotency, keyed on (orderId, state),
 * guards the send itself: a concurrent duplicate is refused while one is in flight, and a send that
 * succeeded but was not recorded (a crash in between) returns its stored outcome instead of sending
 * again. At least once: a transient failure throws (the record is retried by the event source)
 * until `maxAttempts`, after which the message goes to the SMS dead-letter queue for replay.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const { sender, maxAttempts } = options;
  const phoneOf = options.phoneOf ?? defaultPhoneOf;
  const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: '[orderId, state]', expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS });

  const sendOnce = makeIdempotent(
    async (message: SmsMessage): Promise<SendOutcome> => {
      try {
        return { outcome: 'sent', ...(await sender.send(message)) };
      } catch (error) {
        if (error instanceof SmsRejected) {
          return { outcome: 'rejected', providerStatus: error.providerStatus, ...(error.statusCode !== undefined && { statusCode: error.statusCode }) };
        }
        throw error;
      }
    },
    { persistenceStore: options.persistenceStore, config: idempotencyConfig, keyPrefix: 'sms' },
  );

  async function deadLetter(delivery: SmsDelivery, message: SmsMessage, attempts: number, reason: string): Promise<void> {
    await options.deadLetters().put({ ...message, reason, attempts, deadLetteredAt: new Date().toISOString() });
    await markDeadLettered(delivery, reason);
    countSms('SmsDeadLettered');
    logger.error('SMS dead-lettered after its last attempt', { reason, attempts });
  }

  async function sendSms(change: OrderChange, text: string): Promise<void> {
    const { orderId, state, customerId } = change;
    const to = await phoneOf(customerId);
    if (!to) {
      logger.error('No customer to text for this order: the SMS is skipped', { customerId });
      return;
    }
    const delivery = await openDelivery({ orderId, state, recipientId: customerId, to, message: text });
    if (delivery.status !== 'pending') return;
    const attempts = await countAttempt(delivery);
    if (attempts === null) return;
    // The number and text of the first attempt, so every retry and the replay send the same message.
    const message: SmsMessage = { to: delivery.to, message: delivery.message, orderId, state };
    logger.appendKeys({ to: maskPhone(message.to), attempt: attempts, sender: sender.name });
    let outcome: SendOutcome;
    try {
      outcome = await sendOnce(message);
    } catch (error) {
      const reason = describe(error);
      countSms('SmsFailed');
      if (attempts >= maxAttempts) return deadLetter(delivery, message, attempts, reason);
      await recordTransientFailure(delivery, reason);
      logger.warn('SMS send failed; the record will be retried', { reason });
      throw error;
    }
    if (outcome.outcome === 'sent') {
      await markSent(delivery, outcome);
      countSms('SmsSent');
      logger.info('SMS sent', { providerMessageId: outcome.providerMessageId });
    } else {
      await markFailed(delivery, outcome.providerStatus, `Rejected by the provider: ${outcome.providerStatus}`);
      countSms('SmsRejected');
      countSms('SmsFailed');
      logger.warn('SMS rejected by the provider for good; not retried', { providerStatus: outcome.providerStatus });
    }
  }

  return {
    registerContext: (context) => idempotencyConfig.registerLambdaContext(context),
    async notify(change) {
      const { orderId, state, customerId } = change;
      logger.appendKeys({ orderId, state });
      try {
        const text = messageFor(change);
        const added = await addToInbox({ recipientId: customerId, orderId, state, message: text, createdAt: change.at });
        if (!added) logger.info('Inbox message already written (redelivery)');
        await sendSms(change, text);
      } finally {
        logger.removeKeys(['orderId', 'state', 'to', 'attempt', 'sender']);
      }
    },
  };
}
