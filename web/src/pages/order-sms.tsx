import { ok } from '../api/client';
import type { OrderNotification } from '../api/types';
import { smsAttention, smsStatusLabel } from '../lib/sms';
import { formatShortTime } from '../lib/time';
import { useSession } from '../session';
import { orderStepLabel } from '../ui/badges';
import { useLoad } from '../ui/hooks';
import { Empty, Show } from '../ui/states';
import { TableHead } from '../ui/table';

/** The SMS sent for each event of the order, with their delivery status; those that need a call stand out. */
export function OrderSms({ orderId, version }: { orderId: string; version: number }) {
  const { api } = useSession();
  // Reloaded with the order: a change sends an SMS (a moment later, from the stream).
  const loaded = useLoad(() => ok(api.GET('/v1/orders/{orderId}/notifications', { params: { path: { orderId } } })), [orderId, version]);
  return (
    <section class="sms-panel" aria-labelledby="sms-title">
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
    <table class="list sms">
      <TableHead columns={['Event', 'Status', 'To', { label: 'Attempts', number: true }, 'Provider', 'Last change']} />
      <tbody>
        {items.map((sms) => {
          const attention = smsAttention(sms);
          return (
            <tr key={sms.event} class={attention ? 'sms-attention' : undefined}>
              <th scope="row">{orderStepLabel(sms.event)}</th>
              <td>
                <span class={`badge sms-status-${sms.status}`}>{smsStatusLabel(sms.status)}</span>
                {attention && <p class="attention">{attention}</p>}
              </td>
              <td class="code">{sms.to}</td>
              <td class="number">{sms.attempts}</td>
              <td>{sms.providerStatus ?? '—'}</td>
              <td>{formatShortTime(sms.updatedAt, Date.now())}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
