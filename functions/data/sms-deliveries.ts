import type { EntityItem } from 'electrodb';
import type { OrderState } from '../core/order-states';
import type { SmsReceipt } from '../notifications/ports';
import type { smsDeliveryEntity } from './entities/sms-delivery';
import { shop } from './service';

export type SmsDelivery = EntityItem<typeof smsDeliveryEntity>;

export interface DeliveryKey {
  orderId: string;
  state: OrderState;
}

export interface NewDelivery extends DeliveryKey {
  recipientId: string;
  to: string;
  message: string;
}

const isConditionFailure = (error: unknown) =>
  (error as { cause?: { name?: string } }).cause?.name === 'ConditionalCheckFailedException';

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

/** The delivery record of (order, state): created `pending` the first time, as it is after that. */
export async function openDelivery(input: NewDelivery): Promise<SmsDelivery> {
  const at = now();
  const record: SmsDelivery = { ...input, status: 'pending', attempts: 0, createdAt: at, updatedAt: at };
  const created = await conditionally(() => shop.entities.smsDelivery.create(record).go());
  if (created) return record;
  const existing = await getDelivery(input);
  if (!existing) throw new Error(`The SMS delivery ${input.orderId}/${input.state} vanished`);
  return existing;
}

/** Counts one more send attempt of a pending delivery; null when it is not pending (any more). */
export async function countAttempt(delivery: DeliveryKey): Promise<number | null> {
  const updated = await conditionally(() =>
    shop.entities.smsDelivery
      .patch(key(delivery))
      .add({ attempts: 1 })
      .set({ updatedAt: now() })
      .where(({ status }, { eq }) => eq(status, 'pending'))
      .go({ response: 'all_new' }),
  );
  return updated ? (updated.data as SmsDelivery).attempts : null;
}

export async function markSent(delivery: DeliveryKey, receipt: SmsReceipt): Promise<void> {
  const at = now();
  await shop.entities.smsDelivery
    .patch(key(delivery))
    .set({
      status: 'sent',
      providerMessageId: receipt.providerMessageId,
      providerStatus: receipt.providerStatus,
      ...(receipt.cost !== undefined && { cost: receipt.cost }),
      sentAt: at,
      updatedAt: at,
    })
    .go();
}

export async function markFailed(delivery: DeliveryKey, providerStatus: string, reason: string): Promise<void> {
  await shop.entities.smsDelivery.patch(key(delivery)).set({ status: 'failed', providerStatus, failureReason: reason, updatedAt: now() }).go();
}

export async function recordTransientFailure(delivery: DeliveryKey, error: string): Promise<void> {
  await shop.entities.smsDelivery.patch(key(delivery)).set({ lastError: error, updatedAt: now() }).go();
}

/** Only from pending: a concurrent send that got through meanwhile keeps its `sent` (the replay then skips the letter). */
export async function markDeadLettered(delivery: DeliveryKey, error: string): Promise<boolean> {
  const updated = await conditionally(() =>
    shop.entities.smsDelivery
      .patch(key(delivery))
      .set({ status: 'dead-lettered', lastError: error, updatedAt: now() })
      .where(({ status }, { eq }) => eq(status, 'pending'))
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
