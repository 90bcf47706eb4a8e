import { useState } from 'preact/hooks';
import { ifMatch, ok } from '../api/client';
import type { InventoryItem, Order, OrderItem } from '../api/types';
import { formatMoney, lineTotal, parsePriceInput } from '../lib/money';
import { useSession } from '../session';
import { StockBadge } from '../ui/badges';
import { useAction } from '../ui/hooks';
import { Empty, ErrorNotice } from '../ui/states';
import { TableHead, type Column } from '../ui/table';
import { AddLine } from './order-add-line';

interface Props {
  order: Order;
  stock: Map<string, InventoryItem>;
  onChanged: () => void;
}

const LINE_COLUMNS: Column[] = ['Drink', { label: 'Quantity', number: true }, { label: 'Unit price', number: true }, { label: 'Line total', number: true }, 'In stock'];

const editable = (order: Order) => order.state === 'CREATED' || order.state === 'PENDING';

/** The order's lines with the drink's current stock; while editable, quantity and price change per line. */
export function OrderLines({ order, stock, onChanged }: Props) {
  return (
    <section>
      <h2>Lines</h2>
      {order.items.length === 0 ? (
        <Empty>No drinks on this order yet.</Empty>
      ) : (
        <table class="list lines">
          <TableHead columns={editable(order) ? [...LINE_COLUMNS, 'Change'] : LINE_COLUMNS} />
          <tbody>
            {order.items.map((line) => (
              <Line key={`${line.itemId}-${order.version}`} order={order} line={line} item={stock.get(line.itemId)} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      )}
      <p class="total">
        {order.itemCount} {order.itemCount === 1 ? 'line' : 'lines'} · Total <strong>{formatMoney(order.totalPrice)}</strong>
      </p>
      {editable(order) && <AddLine order={order} onChanged={onChanged} />}
    </section>
  );
}

function Line({ order, line, item, onChanged }: { order: Order; line: OrderItem; item?: InventoryItem; onChanged: () => void }) {
  const { api } = useSession();
  const action = useAction();
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [price, setPrice] = useState(line.unitPrice);
  const request = { params: { path: { orderId: order.id, itemId: line.itemId } }, headers: ifMatch(order.version) };
  const newQuantity = Number(quantity);
  const newPrice = parsePriceInput(price);
  const valid = Number.isInteger(newQuantity) && newQuantity >= 1 && newQuantity <= 1000 && newPrice !== undefined;
  const changed = valid && (newQuantity !== line.quantity || newPrice !== line.unitPrice);

  const save = () =>
    action.run(async () => {
      const body = { ...(newQuantity !== line.quantity && { quantity: newQuantity }), ...(newPrice !== line.unitPrice && { unitPrice: newPrice }) };
      await ok(api.PATCH('/v1/orders/{orderId}/items/{itemId}', { ...request, body }));
      onChanged();
    });
  const remove = () =>
    action.run(async () => {
      await ok(api.DELETE('/v1/orders/{orderId}/items/{itemId}', request));
      onChanged();
    });

  return (
    <>
      <tr class={item && line.quantity > item.onHand ? 'short' : undefined}>
        <th scope="row">{line.name}</th>
        <td class="number">
          {editable(order) ? (
            <input aria-label={`Quantity of ${line.name}`} type="number" min={1} max={1000} value={quantity} onInput={(event) => setQuantity(event.currentTarget.value)} />
          ) : (
            line.quantity
          )}
        </td>
        <td class="number">
          {editable(order) ? (
            <input aria-label={`Unit price of ${line.name}`} inputMode="decimal" class="price" value={price} onInput={(event) => setPrice(event.currentTarget.value)} />
          ) : (
            formatMoney(line.unitPrice)
          )}
        </td>
        <td class="number">{changed ? lineTotal(newPrice!, newQuantity) : formatMoney(line.totalPrice)}</td>
        <td>{item ? <StockCell item={item} /> : <span class="muted">unknown (archived)</span>}</td>
        {editable(order) && (
          <td>
            <div class="row-buttons">
              <button type="button" disabled={!changed || action.busy} onClick={() => void save()}>
                Save line
              </button>
              <button type="button" class="secondary" disabled={action.busy} onClick={() => void remove()}>
                Remove
              </button>
            </div>
          </td>
        )}
      </tr>
      {action.error !== undefined && (
        <tr>
          <td colSpan={6}>
            <ErrorNotice error={action.error} context={{ itemName: () => line.name }} onRetry={onChanged} />
          </td>
        </tr>
      )}
    </>
  );
}

const StockCell = ({ item }: { item: InventoryItem }) => (
  <span>
    {item.onHand} <StockBadge state={item.state} />
  </span>
);
