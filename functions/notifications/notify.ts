import { getCustomer } from '../data/customers';
import { addToInbox } from '../data/notifications';
import { claimDelivery, markDeadLettered, markFailed, markSent, recordTransientFailure, type SmsDelivery } from '../data/sms-deliveries';
import { logger } from '../platform/logger';
import type { OrderChange } from '../streams/order-changes';
import { messageFor } from './messages';
import { countSms, countSmsCost } from './metrics';
import { maskPhone } from './phone';
import { SmsRejected, type SmsDeadLetterQueue, type SmsMessage, type SmsSender } from './ports';

/** What one send came to; permanent refusals are outcomes too, so they are never sent again. */
export type SendOutcome =
  | { outcome: 'sent'; providerMessageId: string; providerStatus: string; cost?: string }
  | { outcome: 'rejected'; providerStatus: string; statusCode?: number };

export interface NotifierOptions {
  sender: SmsSender;
  /** Resolved only when a message is dead-lettered. */
  deadLetters: () => SmsDeadLetterQueue;
  /** Send attempts per (order, state) before the message is dead-lettered. */
  maxAttempts: number;
  /**
   * How long a claim holds the send of one (order, state); must exceed the sender's timeout
   * (SMS_TIMEOUT_MS) plus a margin. Default: {@link DEFAULT_LEASE_MS}.
   */
  leaseMs?: number;
  /** Phone number of a customer; null when there is no such customer. */
  phoneOf?: (customerId: string) => Promise<string | null>;
}

export interface Notifier {
  notify(change: OrderChange): Promise<void>;
}

/** The default sender timeout (SMS_TIMEOUT_MS, 5 s) plus a 30 s margin. */
export const DEFAULT_LEASE_MS = 35_000;

/** Another invocation holds the send of this (order, state): the record is retried later, never sent twice nor dropped. */
export class SmsSendInFlight extends Error {
  constructor(readonly leaseUntil: string) {
    super(`The SMS is being sent by another invocation (lease until ${leaseUntil}); the record is retried later`);
    this.name = 'SmsSendInFlight';
  }
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

const defaultPhoneOf = async (customerId: string) => (await getCustomer(customerId))?.phoneNumber ?? null;

/**
 * Notifies a customer of an order change: the inbox first (its own exactly-once transaction),
 * then the SMS, so a failing SMS never holds back or duplicates the inbox message.
 *
 * The SMS is sent at most once per (order, state) while its lease holds: one conditional write on
 * the delivery record (claimDelivery) creates it, counts the attempt and leases the send, and only
 * the invocation holding the lease sends. A redelivery of a decided record (sent, failed,
 * dead-lettered) does nothing; a concurrent duplicate finds the lease taken and throws
 * SmsSendInFlight, so its record is retried later. Recording the outcome releases the lease.
 *
 * At least once: a transient failure throws (the record is retried by the event source) until
 * `maxAttempts`, after which the message goes to the SMS dead-letter queue for replay. The window
 * where a message can go out twice: a send that succeeded but whose outcome was never recorded
 * (a crash or a failed write in between) is not sent again while the lease holds, but once it
 * expires (`leaseMs`, past the sender's timeout) a retry claims the delivery and sends again.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const { sender, maxAttempts } = options;
  const phoneOf = options.phoneOf ?? defaultPhoneOf;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;

  async function sendOnce(message: SmsMessage): Promise<SendOutcome> {
    try {
      return { outcome: 'sent', ...(await sender.send(message)) };
    } catch (error) {
      if (error instanceof SmsRejected) {
        return { outcome: 'rejected', providerStatus: error.providerStatus, ...(error.statusCode !== undefined && { statusCode: error.statusCode }) };
      }
      throw error;
    }
  }

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
    const claim = await claimDelivery({ orderId, state, recipientId: customerId, to, message: text, leaseMs });
    if (!claim.claimed) {
      if (claim.status === 'pending') throw new SmsSendInFlight(claim.leaseUntil);
      logger.info('SMS already decided (redelivery)', { status: claim.status });
      return;
    }
    const { delivery } = claim;
    const { attempts } = delivery;
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
      const recorded = await markSent(delivery, outcome);
      countSms('SmsSent');
      countSmsCost(outcome.cost);
      logger.info('SMS sent', { providerMessageId: outcome.providerMessageId });
      if (!recorded) logger.warn('SMS sent after its lease expired: another invocation decided it meanwhile', { providerMessageId: outcome.providerMessageId });
    } else {
      await markFailed(delivery, outcome.providerStatus, `Rejected by the provider: ${outcome.providerStatus}`);
      countSms('SmsRejected');
      countSms('SmsFailed');
      logger.warn('SMS rejected by the provider for good; not retried', { providerStatus: outcome.providerStatus });
    }
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
        logger.removeKeys(['orderId', 'state', 'to', 'attempt', 'sender']);
      }
    },
  };
}
