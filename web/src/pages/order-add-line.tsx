import { useState } from 'preact/hooks';
import { ifMatch, ok } from '../api/client';
import { loadMenu } from '../api/inventory';
import type { Order } from '../api/types';
import { formatMoney, parsePriceInput } from '../lib/money';
import { useSession } from '../session';
import { stockLabel } from '../ui/badges';
import { useAction, useLoad } from '../ui/hooks';
import { ErrorNotice, Show } from '../ui/states';

/** Adds a drink from the menu, optionally at an employee price (empty: the menu price). */
export function AddLine({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const { api } = useSession();
  const menu = useLoad(() => loadMenu(api), [api]);
  const action = useAction();
  const [itemId, setItemId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const unitPrice = price.trim() === '' ? undefined : parsePriceInput(price);
  const priceValid = price.trim() === '' || unitPrice !== undefined;

  const add = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      await ok(
        api.POST('/v1/orders/{orderId}/items', {
          params: { path: { orderId: order.id } },
          headers: ifMatch(order.version),
          body: { itemId, quantity: Number(quantity), ...(unitPrice && { unitPrice }) },
        }),
      );
      setItemId('');
      setQuantity('1');
      setPrice('');
      onChanged();
    });
  };

  const onOrder = new Set(order.items.map((line) => line.itemId));
  return (
    <form class="add-line" onSubmit={add}>
      <h3>Add a drink</h3>
      <Show loaded={menu} what="the menu">
        {(items) => (
          <div class="fields">
            <label>
              Drink
              <select required value={itemId} onChange={(event) => setItemId(event.currentTarget.value)}>
                <option value="">Choose a drink…</option>
                {items.map((item) => (
                  <option value={item.id} disabled={onOrder.has(item.id) || item.onHand === 0}>
                    {item.name} · {formatMoney(item.price)} · {item.onHand} on hand
                    {onOrder.has(item.id) ? ' (on the order)' : item.onHand === 0 ? ` (${stockLabel(item.state).toLowerCase()})` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Quantity
              <input type="number" required min={1} max={1000} value={quantity} onInput={(event) => setQuantity(event.currentTarget.value)} />
            </label>
            <label>
              Employee price (empty: menu price)
              <input inputMode="decimal" class="price" aria-invalid={!priceValid} value={price} onInput={(event) => setPrice(event.currentTarget.value)} />
            </label>
            <button type="submit" disabled={action.busy || !itemId || !priceValid}>
              Add to order
            </button>
          </div>
        )}
      </Show>
      <ErrorNotice error={action.error} onRetry={onChanged} />
    </form>
  );
}
