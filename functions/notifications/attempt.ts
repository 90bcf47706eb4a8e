import {
  claimDelivery,
  markSending,
  recordOutcome,
  sentChanges,
  type HeldClaim,
  type NewDelivery,
  type SmsDelivery,
} from '../data/sms-deliveries';
import type { SmsDeliveryStatus } from '../data/entities/sms-delivery';
import { logger } from '../platform/logger';
import { countSms, countSmsCost } from './metrics';
import { retryDelayMs } from './pacing';
import { SmsOutcomeUnknown, SmsRejected, type SmsDeadLetterQueue, type SmsMessage, type SmsReceipt, type SmsSender } from './ports';

export interface AttemptSettings {
  sender: SmsSender;
  /** Resolved only when a message is dead-lettered. */
  deadLetters: () => SmsDeadLetterQueue;
  /** Send attempts per (order, state) before the message is dead-lettered. */
  maxAttempts: number;
  /** How long a claim holds the send; must exceed the sender's timeout (SMS_TIMEOUT_MS) plus a margin. */
  leaseMs: number;
  now: () => Date;
}

export interface AttemptOptions {
  /** Statuses claimed at once besides the due waiting ones (the replay: dead-lettered; an operator: uncertain). */
  alsoFrom?: readonly SmsDeliveryStatus[];
  /** After a transient failure: retry later (the consumer, the sweep) or stay dead-lettered (the replay keeps its letter). */
  onTransient?: 'retry' | 'stay-dead-lettered';
}

export type AttemptResult =
  | { outcome: 'sent'; providerMessageId: string }
  | { outcome: 'rejected' | 'retrying' | 'dead_lettered' | 'uncertain'; detail: string }
  /** Not ours to send now: someone holds it, it is decided, or it is not due; the record as it stood. */
  | { outcome: 'not-claimed'; delivery: Partial<SmsDelivery> & { status: SmsDeliveryStatus } }
  /** The claim's lease ran out before the provider call and another claim took it: nothing sent. */
  | { outcome: 'lost-claim' };

type SendResult =
  | { kind: 'sent'; receipt: SmsReceipt }
  | { kind: 'rejected'; providerStatus: string }
  | { kind: 'unknown' | 'transient'; reason: string };

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

async function sendOnce(sender: SmsSender, message: SmsMessage): Promise<SendResult> {
  try {
    return { kind: 'sent', receipt: await sender.send(message) };
  } catch (error) {
    if (error instanceof SmsRejected) return { kind: 'rejected', providerStatus: error.providerStatus };
    return { kind: error instanceof SmsOutcomeUnknown ? 'unknown' : 'transient', reason: describe(error) };
  }
}

/**
 * One attempt of one delivery, the same for the stream consumer, the retry sweep, the replay and
 * an operator's resend: claim (conditional) → mark sending (conditional on the claim) → send →
 * record (conditional on the claim). Provider trouble is recorded, never thrown; only failures to
 * write our own records throw.
 */
export async function attemptDelivery(settings: AttemptSettings, input: NewDelivery, options: AttemptOptions = {}): Promise<AttemptResult> {
  const { now, leaseMs } = settings;
  const claim = await claimDelivery({ ...input, leaseMs, now: now(), ...(options.alsoFrom && { alsoFrom: options.alsoFrom }) });
  if (!claim.claimed) return { outcome: 'not-claimed', delivery: claim.delivery };
  const { delivery } = claim;
  const held: HeldClaim = { orderId: delivery.orderId, state: delivery.state, claimId: delivery.claimId };
  if (!(await markSending(held, now()))) return { outcome: 'lost-claim' };
  // The number and text of the first claim, so every retry and the replay send the same message.
  const message: SmsMessage = { to: delivery.to, message: delivery.message, orderId: delivery.orderId, state: delivery.state };
  const result = await sendOnce(settings.sender, message);
  return record(settings, { held, delivery, message, result, onTransient: options.onTransient ?? 'retry' });
}

interface Recording {
  held: HeldClaim;
  delivery: SmsDelivery;
  message: SmsMessage;
  result: SendResult;
  onTransient: NonNullable<AttemptOptions['onTransient']>;
}

async function record(settings: AttemptSettings, recording: Recording): Promise<AttemptResult> {
  const { held, result } = recording;
  const now = settings.now();
  if (result.kind === 'sent') {
    // Also over `uncertain`: the sweep may have parked a slow send meanwhile; now it is known.
    const recorded = await recordOutcome(held, { status: 'sent', changes: sentChanges(result.receipt, now), now, from: ['sending', 'uncertain'] });
    countSms('SmsSent');
    countSmsCost(result.receipt.cost);
    if (!recorded) logger.warn('SMS sent, but the delivery was no longer this claim’s', { providerMessageId: result.receipt.providerMessageId });
    return { outcome: 'sent', providerMessageId: result.receipt.providerMessageId };
  }
  if (result.kind === 'rejected') {
    await recordOutcome(held, { status: 'failed', changes: { providerStatus: result.providerStatus, failureReason: `Rejected by the provider: ${result.providerStatus}` }, now });
    countSms('SmsRejected');
    countSms('SmsFailed');
    return { outcome: 'rejected', detail: result.providerStatus };
  }
  if (result.kind === 'unknown') {
    await recordOutcome(held, { status: 'uncertain', changes: { uncertainReason: result.reason }, now });
    countSms('SmsUncertain');
    logger.error('SMS outcome unknown: parked as uncertain for an operator, not resent', { reason: result.reason });
    return { outcome: 'uncertain', detail: result.reason };
  }
  countSms('SmsFailed');
  return recordTransient(settings, recording, result.reason, now);
}

async function recordTransient(settings: AttemptSettings, { held, delivery, message, onTransient }: Recording, reason: string, now: Date): Promise<AttemptResult> {
  if (onTransient === 'stay-dead-lettered') {
    await recordOutcome(held, { status: 'dead_lettered', changes: { lastError: reason }, now });
    return { outcome: 'dead_lettered', detail: reason };
  }
  const { attempts } = delivery;
  if (attempts >= settings.maxAttempts && (await putDeadLetter(settings, delivery, message, reason, now))) {
    await recordOutcome(held, { status: 'dead_lettered', changes: { lastError: reason }, now });
    countSms('SmsDeadLettered');
    logger.error('SMS dead-lettered after its last attempt', { reason, attempts });
    return { outcome: 'dead_lettered', detail: reason };
  }
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
  await recordOutcome(held, { status: 'retrying', changes: { lastError: reason }, now, nextAttemptAt });
  logger.warn('SMS send failed; retried later', { reason, attempts, nextAttemptAt: nextAttemptAt.toISOString() });
  return { outcome: 'retrying', detail: reason };
}

/** False when the queue refused the letter: the delivery is then retried (and dead-lettered) later instead. */
async function putDeadLetter(settings: AttemptSettings, delivery: SmsDelivery, message: SmsMessage, reason: string, now: Date): Promise<boolean> {
  try {
    await settings.deadLetters().put({ ...message, recipientId: delivery.recipientId, reason, attempts: delivery.attempts, deadLetteredAt: now.toISOString() });
    return true;
  } catch (error) {
    logger.error('The SMS dead-letter queue refused the letter: the delivery is retried instead', { error: error as Error });
    return false;
  }
}
