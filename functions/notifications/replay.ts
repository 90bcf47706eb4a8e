import type { OrderEventName } from '../core/order-states';
import { attemptDelivery, type AttemptResult } from './attempt';
import { configuredAttemptSettings } from './configured';
import { DEFAULT_LEASE_MS } from './notify';
import { maskPhone } from './phone';
import type { ReceivedDeadLetter, SmsDeadLetterQueue, SmsSender } from './ports';
import { smsDeadLetterQueue } from './sender';

export type ReplayOutcome =
  /** Sent now; the letter is deleted and the delivery marked sent. */
  | 'sent'
  /** The delivery was decided meanwhile (sent, refused, dropped, uncertain): the letter is deleted, nothing sent. */
  | 'skipped'
  /** Another claim holds it right now (the consumer, the sweep, another replay): the letter stays. */
  | 'in-flight'
  /** The provider refused it for good: recorded as failed, the letter deleted. */
  | 'rejected'
  /** No answer came: the delivery is parked as uncertain for an operator (resolve-sms), the letter deleted. */
  | 'uncertain'
  /** Still failing: the letter stays in the queue, the delivery dead-lettered. */
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
  now?: () => Date;
  leaseMs?: number;
}

export interface ReplayReport {
  letters: ReplayedLetter[];
  counts: Record<ReplayOutcome, number>;
}

/** Decided statuses: a letter whose delivery is in one is a duplicate or overtaken, and goes. */
const DECIDED = new Set(['sent', 'delivered', 'failed', 'dropped', 'uncertain']);

function outcomeOf(result: AttemptResult): { outcome: ReplayOutcome; detail?: string; deleteLetter: boolean } {
  switch (result.outcome) {
    case 'sent':
      return { outcome: 'sent', detail: result.providerMessageId, deleteLetter: true };
    case 'rejected':
    case 'uncertain':
      return { outcome: result.outcome, detail: result.detail, deleteLetter: true };
    case 'dead_lettered':
    case 'retrying':
      return { outcome: 'failed', detail: result.detail, deleteLetter: false };
    case 'lost-claim':
      return { outcome: 'in-flight', deleteLetter: false };
    case 'not-claimed': {
      const { status } = result.delivery;
      return DECIDED.has(status) ? { outcome: 'skipped', detail: `delivery is ${status}`, deleteLetter: true } : { outcome: 'in-flight', detail: `delivery is ${status}`, deleteLetter: false };
    }
  }
}

/**
 * Replays the SMS dead-letter queue (for `npm run ops -- replay-sms`): each letter's delivery is
 * claimed exactly as the consumer claims it (also from dead-lettered), sent, recorded, and only
 * then is the letter deleted. Two replays at once, or a replay beside the consumer, never send
 * twice: only one claim holds. Letters that still fail stay queued for the next run.
 */
export async function replaySmsDeadLetters(options: ReplayOptions = {}): Promise<ReplayReport> {
  const deadLetters = options.deadLetters ?? smsDeadLetterQueue();
  const max = options.max ?? 100;
  const seen = new Set<string>();
  const letters: ReplayedLetter[] = [];
  let replayOne: ((received: ReceivedDeadLetter) => Promise<ReplayedLetter>) | undefined;

  while (letters.length < max) {
    const batch = (await deadLetters.receive(Math.min(10, max - letters.length))).filter(({ receipt }) => !seen.has(receipt));
    if (batch.length === 0) break;
    for (const received of batch) {
      seen.add(received.receipt);
      const { letter } = received;
      if (options.dryRun) letters.push({ orderId: letter.orderId, state: letter.state, to: maskPhone(letter.to), outcome: 'listed', detail: letter.reason });
      else letters.push(await (replayOne ??= letterReplayer(options, deadLetters))(received));
    }
  }

  const counts: Record<ReplayOutcome, number> = { sent: 0, skipped: 0, 'in-flight': 0, rejected: 0, uncertain: 0, failed: 0, listed: 0 };
  for (const letter of letters) counts[letter.outcome] += 1;
  return { letters, counts };
}

function letterReplayer(options: ReplayOptions, deadLetters: SmsDeadLetterQueue) {
  const settings = {
    ...(options.sender ? { sender: options.sender, deadLetters: () => deadLetters, maxAttempts: 1, leaseMs: DEFAULT_LEASE_MS, now: () => new Date() } : configuredAttemptSettings()),
    ...(options.now && { now: options.now }),
    ...(options.leaseMs && { leaseMs: options.leaseMs }),
  };
  return async ({ letter, receipt }: ReceivedDeadLetter): Promise<ReplayedLetter> => {
    const { orderId, state, to, message } = letter;
    // A letter without its delivery (written before the record, or from another stack) creates it.
    const result = await attemptDelivery(settings, { orderId, state, to, message, recipientId: letter.recipientId ?? 'unknown' }, {
      alsoFrom: ['dead_lettered', 'dead-lettered'],
      onTransient: 'stay-dead-lettered',
    });
    const { outcome, detail, deleteLetter } = outcomeOf(result);
    if (deleteLetter) await deadLetters.delete(receipt);
    return { orderId, state, to: maskPhone(to), outcome, ...(detail !== undefined && { detail }) };
  };
}
