import { ok } from '../api/client';
import type { OrderNotification } from '../api/types';
import { smsAttention, smsStatusLabel } from '../lib/sms';
import { formatTime } from '../lib/time';
import { useSession } from '../session';
import { orderStepLabel } from '../ui/badges';
import { useLoad } from '../ui/hooks';
import { Empty, Show } from '../ui/states';

/** The SMS sent for each event of the order, with their delivery status; those that need a call stand out. */
export function OrderSms({ orderId, version }: { orderId: string; version: number }) {
  const { api } = useSession();
  // Reloaded with the order: a change sends an SMS (a moment later, from the stream).
  const loaded = useLoad(() => ok(api.GET('/v1/orders/{orderId}/notifications', { params: { path: { orderId } } })), [orderId, version]);
  return (
    <section class="panel" aria-labelledby="sms-title">
      <div class="title-row">
        <h2 id="sms-title">SMS to the customer</h2>
        <button type="button" class="secondary small" onClick={loaded.reload}>
          Refresh SMS
        </button>
      </div>
      <Show loaded={loaded} what="the SMS">
        {({ items }) => (items.length === 0 ? <Empty>No SMS sent yet.</Empty> : <SmsList items={items} />)}
      </Show>
    </section>
  );
}

function SmsList({ items }: { items: OrderNotification[] }) {
  return (
    <ul class="sms">
      {items.map((sms) => {
        const attention = smsAttention(sms);
        return (
          <li key={sms.event} class={attention ? 'sms-attention' : undefined}>
            <div>
              <strong>{orderStepLabel(sms.event)}</strong> <span class={`badge sms-status-${sms.status}`}>{smsStatusLabel(sms.status)}</span>
            </div>
            <div class="muted">
              to <span class="code">{sms.to}</span> · {sms.attempts === 1 ? '1 attempt' : `${sms.attempts} attempts`}
              {sms.providerStatus && ` · provider: ${sms.providerStatus}`} · {formatTime(sms.updatedAt)}
            </div>
            {attention && <p class="attention">{attention}</p>}
          </li>
        );
      })}
    </ul>
  );
}
