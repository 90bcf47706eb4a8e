import type { OrderEventName } from '../core/order-states';
import { getDelivery, markFailed, markSent, recordTransientFailure } from '../data/sms-deliveries';
import { maskPhone } from './phone';
import { SmsRejected, type SmsDeadLetterQueue, type SmsSender } from './ports';
import { smsDeadLetterQueue, smsSender } from './sender';

export type ReplayOutcome =
  /** Sent now; the letter is deleted and the delivery marked sent. */
  | 'sent'
  /** The delivery was sent (or refused for good) meanwhile: the letter is deleted, nothing sent. */
  | 'skipped'
  /** The provider refused it for good: recorded as failed, the letter deleted. */
  | 'rejected'
  /** Still failing: the letter stays in the queue. */
  | 'failed'
  /** A dry run: listed only. */
  | 'listed';

export interface ReplayedLetter {
  orderId: string;
  state: OrderEventName;
  /** Masked: the report is printed. */
  to: string;
  outcome: ReplayOutcome;
  detail?: string;
}

export interface ReplayOptions {
  /** Defaults: the configured sender and dead-letter queue (functions/notifications/sender.ts). */
  sender?: SmsSender;
  deadLetters?: SmsDeadLetterQueue;
  /** At most this many letters (default 100). */
  max?: number;
  /** List the letters without sending or deleting anything. */
  dryRun?: boolean;
}

export interface ReplayReport {
  letters: ReplayedLetter[];
  counts: Record<ReplayOutcome, number>;
}

/** A letter's delivery is dead-lettered, or still pending when the consumer died between the letter and the record. */
const FROM_DEAD_LETTERED = { from: ['pending', 'dead-lettered'] } as const;

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Replays the SMS dead-letter queue (for `npm run ops -- replay-sms`): each letter is sent again
 * through the sender; on success it is deleted and its delivery marked sent. A letter whose
 * delivery is already sent or delivered (a duplicate letter, or a replay run twice) is deleted
 * without sending. Letters that still fail stay queued for the next run.
 */
export async function replaySmsDeadLetters(options: ReplayOptions = {}): Promise<ReplayReport> {
  const deadLetters = options.deadLetters ?? smsDeadLetterQueue();
  const max = options.max ?? 100;
  const seen = new Set<string>();
  const letters: ReplayedLetter[] = [];
  let sender = options.sender;

  while (letters.length < max) {
    const batch = (await deadLetters.receive(Math.min(10, max - letters.length))).filter(({ receipt }) => !seen.has(receipt));
    if (batch.length === 0) break;
    for (const { letter, receipt } of batch) {
      seen.add(receipt);
      const entry = { orderId: letter.orderId, state: letter.state, to: maskPhone(letter.to) };
      if (options.dryRun) {
        letters.push({ ...entry, outcome: 'listed', detail: letter.reason });
        continue;
      }
      const delivery = await getDelivery(letter);
      if (delivery && ['sent', 'delivered', 'failed'].includes(delivery.status)) {
        await deadLetters.delete(receipt);
        letters.push({ ...entry, outcome: 'skipped', detail: `delivery is ${delivery.status}` });
        continue;
      }
      sender ??= smsSender();
      try {
        const accepted = await sender.send({ to: letter.to, message: letter.message, orderId: letter.orderId, state: letter.state });
        if (delivery) await markSent(letter, accepted, FROM_DEAD_LETTERED);
        await deadLetters.delete(receipt);
        letters.push({ ...entry, outcome: 'sent', detail: accepted.providerMessageId });
      } catch (error) {
        if (error instanceof SmsRejected) {
          if (delivery) await markFailed(letter, error.providerStatus, `Rejected by the provider on replay: ${error.providerStatus}`, FROM_DEAD_LETTERED);
          await deadLetters.delete(receipt);
          letters.push({ ...entry, outcome: 'rejected', detail: error.providerStatus });
        } else {
          if (delivery) await recordTransientFailure(letter, describe(error), FROM_DEAD_LETTERED);
          letters.push({ ...entry, outcome: 'failed', detail: describe(error) });
        }
      }
    }
  }

  const counts: Record<ReplayOutcome, number> = { sent: 0, skipped: 0, rejected: 0, failed: 0, listed: 0 };
  for (const letter of letters) counts[letter.outcome] += 1;
  return { letters, counts };
}
