import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EntityItem } from 'electrodb';
import { ulid } from 'ulid';
import type { OrderEventName } from '../core/order-states';
import type { SmsReceipt } from '../notifications/ports';
import type { SmsDeliveryStatus, buildSmsDeliveryEntity } from './entities/sms-delivery';
import { shop } from './service';
import { conditionally } from './write-errors';

export type SmsDelivery = EntityItem<ReturnType<typeof buildSmsDeliveryEntity>>;

export interface DeliveryKey {
  orderId: string;
  state: OrderEventName;
}

export interface NewDelivery extends DeliveryKey {
  recipientId: string;
  to: string;
  message: string;
}

/** One claim of a delivery: every write of its attempt is conditional on `claimId`. */
export interface HeldClaim extends DeliveryKey {
  claimId: string;
}

const conditionFailureOf = (error: unknown) => {
  const cause = (error as { cause?: { name?: string; Item?: Record<string, unknown> } }).cause;
  return cause?.name === 'ConditionalCheckFailedException' ? cause : null;
};

const key = ({ orderId, state }: DeliveryKey) => ({ orderId, state });

export async function getDelivery(delivery: DeliveryKey): Promise<SmsDelivery | null> {
  const { data } = await shop.entities.smsDelivery.get(key(delivery)).go({ consistent: true });
  return data;
}

/** Every SMS delivery record of an order, in the order its events happened; one Query (they share the order's partition). */
export async function listDeliveries(orderId: string): Promise<SmsDelivery[]> {
  const { data } = await shop.entities.smsDelivery.query.byOrder({ orderId }).go({ pages: 'all' });
  return data.sort((left, right) => left.createdAt.localeCompare(right.createdAt));
}

/** Waiting deliveries whose `nextAttemptAt` has passed, oldest first (the sparse gsi2 entry). */
export async function listDueDeliveries(now: Date, limit: number): Promise<SmsDelivery[]> {
  const { data } = await shop.entities.smsDelivery.query.byNextAttempt({}).lte({ nextAttemptAt: now.toISOString() }).go({ limit });
  return data;
}

export interface DeliveryClaim extends NewDelivery {
  /** How long the claim holds the send: longer than the send can take (the sender's timeout) plus a margin. */
  leaseMs: number;
  now: Date;
  /** Statuses taken at once besides the waiting ones that are due (the replay: dead-lettered; an operator: uncertain). */
  alsoFrom?: readonly SmsDeliveryStatus[];
}

export type ClaimResult =
  /** Ours to send, until `delivery.leaseUntil`; `delivery.attempts` counts this attempt. */
  | { claimed: true; delivery: SmsDelivery & { claimId: string } }
  /** Someone else's, decided, or not due yet: the record as it stood. */
  | { claimed: false; delivery: Partial<SmsDelivery> & { status: SmsDeliveryStatus } };

/**
 * Takes the send of (order, state) in one conditional write: creates the delivery record the first
 * time (number, text and recipient are those of the first claim, for every retry and the replay),
 * counts the attempt and leases it. It holds when the record is new, claimed with an expired
 * lease (a claim that never reached the provider), retrying and due, or in `alsoFrom`. A `sending`
 * delivery is never claimed: its outcome is unknown. The old image (returned on the condition
 * failure, no extra read) says why not.
 */
export async function claimDelivery({ leaseMs, now, alsoFrom = [], ...input }: DeliveryClaim): Promise<ClaimResult> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimId = ulid();
  try {
    const { data } = await shop.entities.smsDelivery
      .upsert({ ...key(input), status: 'claimed', claimId, leaseUntil, nextAttemptAt: leaseUntil, updatedAt: at })
      .ifNotExists({ recipientId: input.recipientId, to: input.to, message: input.message, createdAt: at })
      .add({ attempts: 1 })
      .where(({ orderId, status, nextAttemptAt, leaseUntil: lease }, { notExists, eq, lte }) =>
        [
          notExists(orderId),
          `((${eq(status, 'claimed')} OR ${eq(status, 'retrying')}) AND ${lte(nextAttemptAt, at)})`,
          `(${eq(status, 'pending')} AND (${notExists(lease)} OR ${lte(lease, at)}))`,
          ...alsoFrom.map((allowed) => eq(status, allowed)),
        ].join(' OR '),
      )
      .go({ response: 'all_new', params: { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } });
    return { claimed: true, delivery: { ...(data as SmsDelivery), claimId } };
  } catch (error) {
    const failure = conditionFailureOf(error);
    if (!failure) throw error;
    const old = failure.Item ? (unmarshall(failure.Item as Record<string, AttributeValue>) as Partial<SmsDelivery>) : undefined;
    if (!old?.status) throw new Error(`The SMS delivery ${input.orderId}/${input.state} could not be claimed and was not returned`, { cause: error });
    return { claimed: false, delivery: old as ClaimResult['delivery'] };
  }
}

/** Just before the provider call: false when the claim was lost meanwhile (its lease ran out and another took it). */
export async function markSending(claim: HeldClaim, now: Date): Promise<boolean> {
  const updated = await conditionally(() =>
    shop.entities.smsDelivery
      .patch(key(claim))
      .set({ status: 'sending', updatedAt: now.toISOString() })
      .where(({ status, claimId }, { eq }) => `${eq(status, 'claimed')} AND ${eq(claimId, claim.claimId)}`)
      .go(),
  );
  return updated !== null;
}

type Changes = Partial<Pick<SmsDelivery, 'providerMessageId' | 'providerStatus' | 'cost' | 'failureReason' | 'lastError' | 'uncertainReason' | 'sentAt'>>;

/** An outcome of the claim's attempt; `from` the statuses it may be recorded over (default: sending). */
interface Outcome {
  status: SmsDeliveryStatus;
  changes: Changes;
  now: Date;
  /** Only for `retrying`. */
  nextAttemptAt?: Date;
  from?: readonly SmsDeliveryStatus[];
}

/**
 * Records the outcome of the claim's attempt and ends the lease; false when the delivery is no
 * longer this claim's (the sweep parked it as uncertain, or another claim took it).
 */
export async function recordOutcome(claim: HeldClaim, { status, changes, now, nextAttemptAt, from = ['sending'] }: Outcome): Promise<boolean> {
  const base = shop.entities.smsDelivery.patch(key(claim));
  const patch = nextAttemptAt
    ? base.set({ ...changes, status, nextAttemptAt: nextAttemptAt.toISOString(), updatedAt: now.toISOString() }).remove(['leaseUntil'])
    : base.set({ ...changes, status, updatedAt: now.toISOString() }).remove(['leaseUntil', 'nextAttemptAt']);
  const updated = await conditionally(() =>
    patch.where(({ status: current, claimId }, { eq }) => `(${from.map((allowed) => eq(current, allowed)).join(' OR ')}) AND ${eq(claimId, claim.claimId)}`).go(),
  );
  return updated !== null;
}

export const sentChanges = (receipt: SmsReceipt, now: Date): Changes => ({
  providerMessageId: receipt.providerMessageId,
  providerStatus: receipt.providerStatus,
  ...(receipt.cost !== undefined && { cost: receipt.cost }),
  sentAt: now.toISOString(),
});

/**
 * A delivery found `sending` after its lease ended: the invocation died during or right after the
 * provider call, so whether it went out is unknown. Parked for an operator, never resent blindly.
 */
export async function parkUncertain(delivery: HeldClaim, now: Date, reason: string): Promise<boolean> {
  const at = now.toISOString();
  const updated = await conditionally(() =>
    shop.entities.smsDelivery
      .patch(key(delivery))
      .set({ status: 'uncertain', uncertainReason: reason, updatedAt: at })
      .remove(['leaseUntil', 'nextAttemptAt'])
      .where(({ status, claimId, leaseUntil }, { eq, lte }) => `${eq(status, 'sending')} AND ${eq(claimId, delivery.claimId)} AND ${lte(leaseUntil, at)}`)
      .go(),
  );
  return updated !== null;
}

/** A customer with no number: recorded once as `dropped`, never an error. False when the delivery existed. */
export async function recordDropped(input: NewDelivery, now: Date, reason: string): Promise<boolean> {
  const at = now.toISOString();
  const created = await conditionally(() =>
    shop.entities.smsDelivery.create({ ...input, status: 'dropped', attempts: 0, failureReason: reason, createdAt: at, updatedAt: at }).go(),
  );
  return created !== null;
}

/** The operator's word on an uncertain delivery: it did go out (the customer got it, or the provider's log says so). */
export async function resolveAsSent(delivery: DeliveryKey, note: string, now: Date): Promise<boolean> {
  const updated = await conditionally(() =>
    shop.entities.smsDelivery
      .patch(key(delivery))
      .set({ status: 'sent', providerStatus: 'ResolvedByOperator', lastError: note, updatedAt: now.toISOString() })
      .where(({ status }, { eq }) => eq(status, 'uncertain'))
      .go(),
  );
  return updated !== null;
}

export async function findDeliveryByProviderMessageId(providerMessageId: string): Promise<SmsDelivery | null> {
  const { data } = await shop.entities.smsDelivery.query.byProviderMessageId({ providerMessageId }).go({ pages: 1 });
  return data[0] ?? null;
}

export interface DeliveryReport {
  providerMessageId: string;
  /** What the report means: the message arrived, will not arrive, or is still on its way. */
  outcome: 'delivered' | 'failed' | 'in-transit';
  /** The provider's status, as reported (Success, Failed, Buffered, …). */
  providerStatus: string;
  failureReason?: string;
  networkCode?: string;
}

/**
 * Moves a sent message forward on a delivery report and never back: `delivered` is final,
 * `failed` holds unless a later report says delivered (a carrier retry), and in-transit reports
 * only update `providerStatus` while the message is still `sent`. Returns whether it changed anything.
 */
export async function applyDeliveryReport(delivery: DeliveryKey, report: DeliveryReport): Promise<boolean> {
  const at = new Date().toISOString();
  const common = {
    providerStatus: report.providerStatus,
    reportedAt: at,
    updatedAt: at,
    ...(report.networkCode && { networkCode: report.networkCode }),
  };
  const patch = shop.entities.smsDelivery.patch(key(delivery));
  const write =
    report.outcome === 'delivered'
      ? patch.set({ ...common, status: 'delivered' }).where(({ status }, { eq }) => `${eq(status, 'sent')} OR ${eq(status, 'failed')}`)
      : report.outcome === 'failed'
        ? patch
            .set({ ...common, status: 'failed', failureReason: report.failureReason ?? report.providerStatus })
            .where(({ status }, { eq }) => `${eq(status, 'sent')} OR ${eq(status, 'failed')}`)
        : patch.set(common).where(({ status }, { eq }) => eq(status, 'sent'));
  return (await conditionally(() => write.go())) !== null;
}
