import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EntityItem } from 'electrodb';
import type { OrderEventName } from '../core/order-states';
import type { SmsReceipt } from '../notifications/ports';
import type { SmsDeliveryStatus, smsDeliveryEntity } from './entities/sms-delivery';
import { shop } from './service';

export type SmsDelivery = EntityItem<typeof smsDeliveryEntity>;

export interface DeliveryKey {
  orderId: string;
  state: OrderEventName;
}

export interface NewDelivery extends DeliveryKey {
  recipientId: string;
  to: string;
  message: string;
}

const conditionFailureOf = (error: unknown) => {
  const cause = (error as { cause?: { name?: string; Item?: Record<string, unknown> } }).cause;
  return cause?.name === 'ConditionalCheckFailedException' ? cause : null;
};
const isConditionFailure = (error: unknown) => conditionFailureOf(error) !== null;

const key = ({ orderId, state }: DeliveryKey) => ({ orderId, state });
const now = () => new Date().toISOString();

/** Null when the condition did not hold. */
async function conditionally<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

export async function getDelivery(delivery: DeliveryKey): Promise<SmsDelivery | null> {
  const { data } = await shop.entities.smsDelivery.get(key(delivery)).go({ consistent: true });
  return data;
}

/** Every SMS delivery record of an order, in the order its events happened; one Query (they share the order's partition). */
export async function listDeliveries(orderId: string): Promise<SmsDelivery[]> {
  const { data } = await shop.entities.smsDelivery.query.byOrder({ orderId }).go({ pages: 'all' });
  return data.sort((left, right) => left.createdAt.localeCompare(right.createdAt));
}

export interface DeliveryClaim extends NewDelivery {
  /** How long the claim holds the send: longer than the send can take (the sender's timeout) plus a margin. */
  leaseMs: number;
}

export type ClaimResult =
  /** Ours to send, until `delivery.leaseUntil`; `delivery.attempts` counts this attempt. */
  | { claimed: true; delivery: SmsDelivery }
  /** Decided already (sent, delivered, failed, dead-lettered): nothing to do. */
  | { claimed: false; status: Exclude<SmsDeliveryStatus, 'pending'> }
  /** Pending, but another invocation holds the send right now. */
  | { claimed: false; status: 'pending'; leaseUntil: string };

/**
 * Takes the send of (order, state) in one conditional write: creates the delivery record the first
 * time (number, text and recipient are those of the first claim, for every retry and the replay),
 * counts the attempt and leases the send for `leaseMs`. It holds when the record is new, or pending
 * with no lease or an expired one. Otherwise the record's old image (returned on the condition
 * failure, no extra read) says why.
 */
export async function claimDelivery({ leaseMs, ...input }: DeliveryClaim): Promise<ClaimResult> {
  const at = new Date();
  const timestamp = at.toISOString();
  try {
    const { data } = await shop.entities.smsDelivery
      .upsert({ ...key(input), status: 'pending', leaseUntil: new Date(at.getTime() + leaseMs).toISOString(), updatedAt: timestamp })
      .ifNotExists({ recipientId: input.recipientId, to: input.to, message: input.message, createdAt: timestamp })
      .add({ attempts: 1 })
      .where(
        ({ orderId, status, leaseUntil }, { notExists, eq, lt }) =>
          `${notExists(orderId)} OR (${eq(status, 'pending')} AND (${notExists(leaseUntil)} OR ${lt(leaseUntil, timestamp)}))`,
      )
      .go({ response: 'all_new', params: { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } });
    return { claimed: true, delivery: data as SmsDelivery };
  } catch (error) {
    const failure = conditionFailureOf(error);
    if (!failure) throw error;
    const old = failure.Item ? (unmarshall(failure.Item as Record<string, AttributeValue>) as Partial<SmsDelivery>) : undefined;
    if (!old?.status) throw new Error(`The SMS delivery ${input.orderId}/${input.state} could not be claimed and was not returned`, { cause: error });
    return old.status === 'pending' ? { claimed: false, status: 'pending', leaseUntil: old.leaseUntil ?? '' } : { claimed: false, status: old.status };
  }
}

/** Which statuses a delivery may be decided from: the consumer decides pending ones; the replay also dead-lettered ones. */
export interface DecideOptions {
  from?: readonly SmsDeliveryStatus[];
}

/**
 * Records an outcome and releases the lease, only while the delivery is in one of `from` (default:
 * pending). False when it was not (a concurrent send, after an expired lease, recorded first).
 */
async function decide(delivery: DeliveryKey, changes: SmsDeliveryChanges, { from = ['pending'] }: DecideOptions): Promise<boolean> {
  const updated = await conditionally(() =>
    shop.entities.smsDelivery
      .patch(key(delivery))
      .set({ ...changes, updatedAt: now() })
      .remove(['leaseUntil'])
      .where(({ status }, { eq }) => from.map((allowed) => eq(status, allowed)).join(' OR '))
      .go(),
  );
  return updated !== null;
}

type SmsDeliveryChanges = Partial<Pick<SmsDelivery, 'status' | 'providerMessageId' | 'providerStatus' | 'cost' | 'failureReason' | 'lastError' | 'sentAt'>>;

export async function markSent(delivery: DeliveryKey, receipt: SmsReceipt, options: DecideOptions = {}): Promise<boolean> {
  return decide(
    delivery,
    {
      status: 'sent',
      providerMessageId: receipt.providerMessageId,
      providerStatus: receipt.providerStatus,
      ...(receipt.cost !== undefined && { cost: receipt.cost }),
      sentAt: now(),
    },
    options,
  );
}

export async function markFailed(delivery: DeliveryKey, providerStatus: string, reason: string, options: DecideOptions = {}): Promise<boolean> {
  return decide(delivery, { status: 'failed', providerStatus, failureReason: reason }, options);
}

/** Keeps the delivery as it is (pending, or dead-lettered on a replay) and releases the lease, so the retry can claim it at once. */
export async function recordTransientFailure(delivery: DeliveryKey, error: string, options: DecideOptions = {}): Promise<boolean> {
  return decide(delivery, { lastError: error }, options);
}

/** Only from pending: a concurrent send that got through meanwhile keeps its `sent` (the replay then skips the letter). */
export async function markDeadLettered(delivery: DeliveryKey, error: string): Promise<boolean> {
  return decide(delivery, { status: 'dead-lettered', lastError: error }, {});
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
  const at = now();
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
