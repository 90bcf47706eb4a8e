import { useState } from 'preact/hooks';
import { ifMatch, ok } from '../api/client';
import type { InventoryItem, Order } from '../api/types';
import { shortages } from '../lib/stock';
import { useSession } from '../session';
import { useAction } from '../ui/hooks';
import { FulfilmentButton, FulfilmentRefusal, useFulfilment } from '../ui/fulfilment';
import { ErrorNotice } from '../ui/states';

type Transition = 'submit' | 'approve' | 'reject' | 'cancel';
const DONE: Record<Transition, string> = { submit: 'submitted', approve: 'approved', reject: 'rejected', cancel: 'canceled' };

interface Props {
  order: Order;
  stock: Map<string, InventoryItem>;
  onChanged: () => void;
}

/** Submit, approve, reject (with a reason) and cancel, each with If-Match on the version shown. */
export function OrderActions({ order, stock, onChanged }: Props) {
  const { api } = useSession();
  const action = useAction();
  const [asking, setAsking] = useState<'reject' | 'cancel' | undefined>();
  const [reason, setReason] = useState('');
  const short = order.state === 'PENDING' ? shortages(order.items, (itemId) => stock.get(itemId)?.onHand) : [];
  const [failed, setFailed] = useState<Transition>();

  const transition = async (name: Transition, comments?: string) => {
    setFailed(name);
    const request = { params: { path: { orderId: order.id } }, headers: ifMatch(order.version) };
    const body = comments ? { comments } : {};
    const done = await action.run(() => {
      switch (name) {
        case 'submit':
          return ok(api.POST('/v1/orders/{orderId}/submit', { ...request, body: {} }));
        case 'approve':
          return ok(api.POST('/v1/orders/{orderId}/approve', { ...request, body }));
        case 'reject':
          return ok(api.POST('/v1/orders/{orderId}/reject', { ...request, body: { comments: comments ?? '' } }));
        case 'cancel':
          return ok(api.POST('/v1/orders/{orderId}/cancel', { ...request, body }));
      }
    });
    if (done) {
      setAsking(undefined);
      setReason('');
      onChanged();
    }
  };

  if (order.state === 'APPROVED') return <ApprovedOrderActions order={order} onChanged={onChanged} />;
  if (!['CREATED', 'PENDING'].includes(order.state)) {
    return <p class="notice">This order is final: it can no longer be changed.</p>;
  }
  return (
    <section class="actions" aria-label="Actions">
      {short.length > 0 && (
        <div class="notice warning" role="status">
          <strong>Not enough stock to approve:</strong>{' '}
          {short.map((line) => `${line.name} (${line.quantity} ordered, ${line.onHand} on hand)`).join(', ')}. Lower the quantity, or record the delivery in
          Inventory first.
        </div>
      )}
      <div class="buttons">
        {order.state === 'CREATED' && (
          <button type="button" disabled={action.busy} onClick={() => void transition('submit')}>
            Submit for review
          </button>
        )}
        {order.state === 'PENDING' && (
          <>
            <button type="button" class="approve" disabled={action.busy} onClick={() => void transition('approve')}>
              Approve
            </button>
            <button type="button" class="danger" disabled={action.busy} onClick={() => setAsking('reject')}>
              Reject…
            </button>
          </>
        )}
        <button type="button" class="secondary" disabled={action.busy} onClick={() => setAsking('cancel')}>
          Cancel order…
        </button>
      </div>
      {asking && (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void transition(asking, reason.trim() || undefined);
          }}
        >
          <label>
            {asking === 'reject' ? 'Reason for rejecting (sent to the customer)' : 'Reason for canceling (optional)'}
            <textarea value={reason} required={asking === 'reject'} maxLength={1000} rows={2} onInput={(event) => setReason(event.currentTarget.value)} />
          </label>
          <div class="buttons">
            <button type="submit" class="danger" disabled={action.busy || (asking === 'reject' && reason.trim() === '')}>
              {asking === 'reject' ? 'Reject order' : 'Cancel order'}
            </button>
            <button type="button" class="secondary" onClick={() => setAsking(undefined)}>
              Keep the order
            </button>
          </div>
        </form>
      )}
      <ErrorNotice
        error={action.error}
        context={{ action: failed && DONE[failed], itemName: (itemId) => order.items.find((line) => line.itemId === itemId)?.name }}
        onRetry={onChanged}
      />
    </section>
  );
}

/** An approved order moves on through preparing, ready and delivered; its lines stay as approved. */
function ApprovedOrderActions({ order, onChanged }: Pick<Props, 'order' | 'onChanged'>) {
  const fulfilment = useFulfilment(onChanged);
  return (
    <section class="actions" aria-label="Actions">
      <p class="notice">
        {order.fulfilment === 'DELIVERED' ? 'This order is approved and delivered: nothing is left to do.' : 'This order is approved: its lines can no longer change.'}
      </p>
      <div class="buttons">
        <FulfilmentButton order={order} fulfilment={fulfilment} />
      </div>
      <FulfilmentRefusal fulfilment={fulfilment} />
    </section>
  );
}
