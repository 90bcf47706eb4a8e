import { approvedOrderExample, canceledOrderExample, createdOrderExample, deliveredOrderExample, latteId, readyOrderExample, rejectedOrderExample } from '../../openapi/examples';
import type { RouteDeclaration } from '../../route-declaration';
import { addItemBody, createOrderBody, listOrdersQuery, noBody, optionalCommentsBody, rejectBody, updateItemBody } from './schemas';

const editsLines = { reads: ['order'], writes: ['order'] } as const;
/** A transition changes the order and appends its history event in one transaction. */
const transitions = { reads: ['order'], writes: ['order', 'orderEvent'] } as const;

export const ordersCreateRoute = {
  method: 'POST',
  path: '/v1/orders',
  handler: 'http/orders/create',
  auth: 'any',
  data: { reads: ['customer'], writes: ['order', 'orderEvent', 'customerOrders'] },
  summary: 'Create an order',
  description:
    'A customer orders for themselves (`customerId` omitted or their own id, else 403); an employee names the customer. The order starts in CREATED with no items.',
  body: { schema: createOrderBody, name: 'CreateOrderRequest', example: { comments: 'No sugar, please' } },
  idempotent: true,
  success: { status: 201, description: 'The new order.', schema: 'Order', etag: true, example: createdOrderExample },
  problems: ['unknown_customer', 'not_found'],
  problemNotes: { not_found: 'The calling customer deleted their account (an old access token).', unknown_customer: 'The customer does not exist or deleted their account.' },
} as const satisfies RouteDeclaration;

export const ordersListRoute = {
  method: 'GET',
  path: '/v1/orders',
  handler: 'http/orders/list',
  auth: 'any',
  // By customer (gsi1), by state (gsi2), all (gsi3), by fulfilment step (gsi4).
  data: { queries: ['order.byCustomer', 'order.byState', 'order.byYear', 'order.byFulfilment'] },
  summary: 'List orders',
  description:
    'Newest first, or oldest first with `sort=oldest` (the review queue is `state=PENDING&sort=oldest`). Customers get their own orders; employees all, filtered by `state` and `customerId`, and by `fulfilment` (approved orders at that step; with `state`, only `APPROVED` is allowed, else 400). A customer sending `fulfilment` gets 403. A cursor is bound to the filters and the sort order it came from.',
  query: listOrdersQuery,
  success: { status: 200, description: 'A page of orders.', schema: 'OrderPage' },
} as const satisfies RouteDeclaration;

export const ordersGetRoute = {
  method: 'GET',
  path: '/v1/orders/{orderId}',
  handler: 'http/orders/get',
  auth: 'any',
  data: { reads: ['order'] },
  summary: 'An order with its items',
  success: { status: 200, description: 'The order.', schema: 'Order', etag: true },
  problems: ['not_found'],
  resource: 'order',
} as const satisfies RouteDeclaration;

export const ordersHistoryRoute = {
  method: 'GET',
  path: '/v1/orders/{orderId}/history',
  handler: 'http/orders/history',
  auth: 'any',
  // One query of the order's item collection (the order and its events share its partition).
  data: { queries: ['order.byId', 'orderEvent.byOrder'] },
  summary: "An order's history",
  description: 'One entry per transition including the creation (`from: null`), oldest first; not paginated.',
  success: { status: 200, description: 'The transitions.', schema: 'OrderHistory' },
  problems: ['not_found'],
  resource: 'order',
} as const satisfies RouteDeclaration;

export const ordersAddItemRoute = {
  method: 'POST',
  path: '/v1/orders/{orderId}/items',
  handler: 'http/orders/add-item',
  auth: 'any',
  data: { reads: ['order', 'inventoryItem'], writes: ['order'] },
  summary: 'Add an item to an order',
  description:
    'Only in CREATED or PENDING. `name` and `unitPrice` are copied from the inventory item; only employees may set `unitPrice` (a customer sending it gets 403). At most 50 distinct items. Stock is not reserved: only `onHand > 0` is checked.',
  body: { schema: addItemBody, name: 'AddOrderItemRequest', example: { itemId: latteId, quantity: 2 } },
  ifMatch: true,
  success: { status: 201, description: 'The new line.', schema: 'OrderItem' },
  problems: ['not_found', 'order_not_editable', 'duplicate_item', 'out_of_stock', 'unknown_item', 'too_many_items'],
  resource: 'order',
} as const satisfies RouteDeclaration;

export const ordersUpdateItemRoute = {
  method: 'PATCH',
  path: '/v1/orders/{orderId}/items/{itemId}',
  handler: 'http/orders/update-item',
  auth: 'any',
  data: editsLines,
  summary: 'Change an item of an order',
  description:
    'Only in CREATED or PENDING; `unitPrice` only from employees. An item not on the order is a 404. The body names at least one of `quantity` and `unitPrice` (an empty one is a 400: it would change nothing).',
  body: { schema: updateItemBody, name: 'UpdateOrderItemRequest', example: { quantity: 3 } },
  ifMatch: true,
  success: { status: 200, description: 'The changed line.', schema: 'OrderItem' },
  problems: ['not_found', 'order_not_editable'],
  resource: 'order item',
} as const satisfies RouteDeclaration;

export const ordersRemoveItemRoute = {
  method: 'DELETE',
  path: '/v1/orders/{orderId}/items/{itemId}',
  handler: 'http/orders/remove-item',
  auth: 'any',
  data: editsLines,
  summary: 'Remove an item from an order',
  description: 'Only in CREATED or PENDING. An item not on the order is a 404.',
  ifMatch: true,
  success: { status: 204, description: 'Removed.' },
  problems: ['not_found', 'order_not_editable'],
  resource: 'order item',
} as const satisfies RouteDeclaration;

export const ordersSubmitRoute = {
  method: 'POST',
  path: '/v1/orders/{orderId}/submit',
  handler: 'http/orders/submit',
  auth: 'any',
  data: transitions,
  summary: 'Submit an order for review',
  description: 'CREATED → PENDING. The order needs items.',
  body: { schema: noBody, name: 'EmptyRequest' },
  ifMatch: true,
  success: { status: 200, description: 'The order, now PENDING.', schema: 'Order', etag: true },
  problems: ['not_found', 'invalid_transition', 'order_empty'],
  resource: 'order',
} as const satisfies RouteDeclaration;

export const ordersApproveRoute = {
  method: 'POST',
  path: '/v1/orders/{orderId}/approve',
  handler: 'http/orders/approve',
  auth: 'employee',
  // The same transaction deducts the stock of every line.
  data: { reads: ['order', 'inventoryItem'], writes: ['order', 'orderEvent', 'inventoryItem'] },
  summary: 'Approve an order',
  description:
    "PENDING → APPROVED. Deducts every item's quantity from `onHand` in one atomic step: if any item lacks stock, nothing changes. `comments` replace the order's comments.",
  body: { schema: optionalCommentsBody, name: 'OrderCommentsRequest' },
  ifMatch: true,
  success: { status: 200, description: 'The order, now APPROVED.', schema: 'Order', etag: true, example: approvedOrderExample },
  problems: ['not_found', 'invalid_transition', 'order_empty', 'insufficient_stock'],
  resource: 'order',
} as const satisfies RouteDeclaration;

export const ordersRejectRoute = {
  method: 'POST',
  path: '/v1/orders/{orderId}/reject',
  handler: 'http/orders/reject',
  auth: 'employee',
  data: transitions,
  summary: 'Reject an order',
  description: "PENDING → REJECTED, with a reason that replaces the order's comments and is sent to the customer.",
  body: { schema: rejectBody, name: 'RejectOrderRequest', example: { comments: 'We are out of oat milk today.' } },
  ifMatch: true,
  success: { status: 200, description: 'The order, now REJECTED.', schema: 'Order', etag: true, example: rejectedOrderExample },
  problems: ['not_found', 'invalid_transition'],
  resource: 'order',
} as const satisfies RouteDeclaration;

export const ordersCancelRoute = {
  method: 'POST',
  path: '/v1/orders/{orderId}/cancel',
  handler: 'http/orders/cancel',
  auth: 'any',
  data: transitions,
  summary: 'Cancel an order',
  description: "CREATED or PENDING → CANCELED. `comments` replace the order's comments.",
  body: { schema: optionalCommentsBody, name: 'OrderCommentsRequest' },
  ifMatch: true,
  success: { status: 200, description: 'The order, now CANCELED.', schema: 'Order', etag: true, example: canceledOrderExample },
  problems: ['not_found', 'invalid_transition'],
  resource: 'order',
} as const satisfies RouteDeclaration;

/** A fulfilment step changes only an APPROVED order's `fulfilment`, with its history event. */
function fulfilmentStepRoute<const Step extends 'ready' | 'deliver'>(step: Step, from: 'PREPARING' | 'READY', to: 'READY' | 'DELIVERED', timestamp: string) {
  return {
    method: 'POST',
    path: `/v1/orders/{orderId}/${step}`,
    handler: `http/orders/${step}`,
    auth: 'employee',
    data: transitions,
    summary: step === 'ready' ? 'Mark an approved order ready' : 'Mark a ready order delivered',
    description: `Fulfilment ${from} → ${to} (the state stays APPROVED); sets \`${timestamp}\` and tells the customer by SMS and inbox. \`comments\` go to the history entry; the order's own comments stay. From any other step, or an order that is not APPROVED: 409 \`invalid_transition\` with \`currentState\` and \`currentFulfilment\`.`,
    body: { schema: optionalCommentsBody, name: 'OrderCommentsRequest' },
    ifMatch: true,
    success: { status: 200, description: `The order, now ${to}.`, schema: 'Order', etag: true, example: step === 'ready' ? readyOrderExample : deliveredOrderExample },
    problems: ['not_found', 'invalid_transition'],
    problemNotes: { invalid_transition: `The order is not APPROVED and ${from}; \`currentState\` and \`currentFulfilment\` say where it is.` },
    resource: 'order',
  } as const satisfies RouteDeclaration;
}

// Pure: a step's bundle keeps only its own declaration.
export const ordersReadyRoute = /* @__PURE__ */ fulfilmentStepRoute('ready', 'PREPARING', 'READY', 'readyAt');
export const ordersDeliverRoute = /* @__PURE__ */ fulfilmentStepRoute('deliver', 'READY', 'DELIVERED', 'deliveredAt');

export const ordersNotificationsRoute = {
  method: 'GET',
  path: '/v1/orders/{orderId}/notifications',
  handler: 'http/orders/notifications',
  auth: 'employee',
  data: { reads: ['order'], queries: ['smsDelivery.byOrder'] },
  summary: 'What was sent about an order',
  description:
    "The SMS delivery record of each notified event of the order (creation, state changes, READY, DELIVERED), in the order the events happened: status, attempts and the provider's last status. Numbers are masked. An event whose SMS has not been attempted yet is not listed.",
  success: { status: 200, description: 'The delivery records.', schema: 'OrderNotifications' },
  problems: ['not_found'],
  resource: 'order',
} as const satisfies RouteDeclaration;

export const orderRoutes = [ordersCreateRoute, ordersListRoute, ordersGetRoute, ordersHistoryRoute, ordersAddItemRoute, ordersUpdateItemRoute, ordersRemoveItemRoute, ordersSubmitRoute, ordersApproveRoute, ordersRejectRoute, ordersCancelRoute, ordersReadyRoute, ordersDeliverRoute, ordersNotificationsRoute] as const;
