import { formatCents } from '../../core/money';
import { fulfilmentOf, lineTotalCents, orderTotalCents, type Order, type OrderLine } from '../../core/orders';

export const presentLine = (line: OrderLine) => ({
  itemId: line.itemId,
  name: line.name,
  quantity: line.quantity,
  unitPrice: formatCents(line.unitPriceCents),
  totalPrice: formatCents(lineTotalCents(line)),
});

export const presentOrder = (order: Order) => ({
  id: order.id,
  reference: order.reference,
  customerId: order.customerId,
  state: order.state,
  items: order.lines.map(presentLine),
  itemCount: order.lines.length,
  totalPrice: formatCents(orderTotalCents(order.lines)),
  comments: order.comments ?? null,
  handledBy: order.handledBy ?? null,
  reviewedAt: order.reviewedAt ?? null,
  fulfilment: fulfilmentOf(order),
  readyAt: order.readyAt ?? null,
  deliveredAt: order.deliveredAt ?? null,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
  version: order.version,
});
