import * as z from 'zod';
import { CUSTOMER_CODE_LENGTH } from '../core/customer-code';
import { FULFILMENT_STEPS, HISTORY_POINTS, ORDER_EVENTS, ORDER_STATES } from '../core/order-states';
import { MAX_LINES } from '../core/orders';
import { employeeInventoryItem as employeeInventoryItemView, publicInventoryItem as publicInventoryItemView } from '../http/inventory/schemas';
import * as examples from './examples';
import { PROBLEM_CODES } from './problems';

/*
 * What the service answers, as zod schemas: the source of the document's response components.
 * Where a presenter has its schemas (inventory), they are used; the others describe the presenters (functions/http/orders/present.ts, functions/http/inventory/present.ts,
 * functions/data/customers.ts CustomerProfile, functions/usecases/profiles.ts describeMe,
 * functions/platform/identity.ts Tokens); test/openapi runs real responses through them.
 * Objects are closed (additionalProperties: false), so a field that leaks is a failing test.
 */

const id = z.string().min(1).describe('Opaque, server-generated id.');
const timestamp = z.iso.datetime().describe('ISO 8601, UTC.');
const version = z.int().min(1).describe('Incremented by every change; the ETag header carries it quoted. Send it back in If-Match.');
const unitMoney = z.string().regex(/^\d{1,3}\.\d{2}$/).describe('Decimal string with exactly two decimals, "0.00" to "999.99".');
const totalMoney = z.string().regex(/^\d+\.\d{2}$/).describe('Decimal string with exactly two decimals.');
const nextCursor = z
  .string()
  .nullable()
  .describe('Pass as `cursor` to get the next page with the same filters; null on the last page. Bound to the caller and the filters.');
const role = z.enum(['customer', 'employee']);

export const health = z.object({ status: z.literal('ok') }).meta({ examples: [{ status: 'ok' }] });

export const fieldError = z.object({
  path: z.string().describe('Where: `body.<field>`, `query.<name>` or `headers.<name>`.'),
  message: z.string(),
});

export const problem = z
  .looseObject({
    type: z.url().describe('A URI naming the problem type; one per `code`.'),
    title: z.string().describe('Short, stable summary of the problem type.'),
    status: z.int().min(400).max(599).describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong with this request, for people.'),
    code: z.enum(PROBLEM_CODES).describe('Stable, machine-readable code: branch on this.'),
    errors: z.array(fieldError).optional().describe('validation_failed: every failing field.'),
    currentState: z.enum(ORDER_STATES).optional().describe("invalid_transition, order_not_editable: the order's state."),
    currentFulfilment: z
      .enum(FULFILMENT_STEPS)
      .nullable()
      .optional()
      .describe("invalid_transition of ready and deliver: the order's fulfilment step (null when it is not approved)."),
    itemId: z.string().optional().describe('insufficient_stock: the item that lacks stock.'),
    requested: z.int().optional().describe('insufficient_stock: the quantity the action needs.'),
    available: z.int().optional().describe('insufficient_stock: the quantity on hand.'),
  })
  .meta({
    description: 'An RFC 9457 problem (application/problem+json). Never a stack trace or an internal message.',
    examples: [
      {
        type: 'https://beverage-shop.example/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: 'The order does not exist.',
        code: 'not_found',
      },
    ],
  });

export const gatewayUnauthorized = z
  .object({ message: z.literal('Unauthorized') })
  .meta({ description: "The API Gateway's own 401 body (AWS only): the token was missing or rejected before the function ran." });

export const customerProfile = z
  .object({
    id: z.string().min(1).describe('The Cognito `sub` of the customer.'),
    email: z.email(),
    name: z.string(),
    phoneNumber: z.string().regex(/^\+\d{8,15}$/).describe('E.164.'),
    address: z.string().nullable().describe('null when unset.'),
    code: z
      .string()
      .regex(new RegExp(`^[A-Z0-9]{${CUSTOMER_CODE_LENGTH}}$`))
      .describe('Unique 5-character reference for phone and counter orders.'),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ description: 'A customer profile.', examples: [examples.customerProfileExample] });

export const customerMe = customerProfile
  .extend({ role: z.literal('customer') })
  .meta({ description: 'The signed-in customer: the whole profile and the role.', examples: [examples.customerMeExample] });

export const employeeMe = z
  .object({ id: z.string().min(1), email: z.email(), name: z.string(), role: z.literal('employee') })
  .meta({ description: 'The signed-in employee.', examples: [examples.employeeMeExample] });

export const me = z.xor([customerMe, employeeMe]).meta({ description: 'The signed-in user; the role comes from the token groups.' });

export const tokens = z
  .object({
    accessToken: z.string().describe('Send as `Authorization: Bearer <accessToken>`.'),
    idToken: z.string().describe('For the client; the API refuses id tokens.'),
    refreshToken: z.string().describe('For POST /v1/auth/refresh.'),
    expiresIn: z.int().min(1).describe('Seconds until the access token expires.'),
    tokenType: z.literal('Bearer'),
  })
  .meta({ description: 'Cognito tokens.', examples: [examples.tokensExample] });

export const refreshedTokens = tokens
  .omit({ refreshToken: true })
  .meta({ description: 'New access and id tokens; the refresh token stays the same.', examples: [examples.refreshedTokensExample] });

/** The inventory views are the presenter's own schemas (functions/http/inventory/schemas.ts), described here. */
const stateDescription = 'Derived: OUT_OF_STOCK if onHand is 0, else FEW_REMAINING if onHand <= warnLimit, else AVAILABLE.';

export const publicInventoryItem = publicInventoryItemView
  .extend({ state: publicInventoryItemView.shape.state.describe(stateDescription) })
  .meta({
    description: 'An inventory item as customers and anonymous callers see it: no `onHand`, `warnLimit` or `version` (absent, not null).',
    examples: [examples.publicInventoryItemExample],
  });

export const inventoryItem = employeeInventoryItemView
  .extend({
    state: employeeInventoryItemView.shape.state.describe(stateDescription),
    onHand: employeeInventoryItemView.shape.onHand.describe('Units in stock; changes only through adjustments and approvals.'),
    warnLimit: employeeInventoryItemView.shape.warnLimit.describe('At or below this, the state is FEW_REMAINING.'),
    version: employeeInventoryItemView.shape.version.describe(version.description!),
  })
  .meta({ description: 'An inventory item as employees see it.', examples: [examples.inventoryItemExample] });

export const anyInventoryItem = z
  .xor([inventoryItem, publicInventoryItem])
  .meta({ description: 'Employees get the whole item; everyone else the public view.' });

export const orderItem = z
  .object({
    itemId: id.describe('The inventory item.'),
    name: z.string().describe('Copied from the inventory item when added.'),
    quantity: z.int().min(1).max(1000),
    unitPrice: unitMoney.describe('Copied from the inventory item when added, unless an employee set it.'),
    totalPrice: totalMoney.describe('quantity × unitPrice.'),
  })
  .meta({ description: 'One line of an order.', examples: [examples.orderItemExample] });

export const order = z
  .object({
    id,
    reference: z.string().regex(/^[0-9A-Z]{6}$/).describe('Short human reference used in messages: the last 6 characters of the id.'),
    customerId: id,
    state: z.enum(ORDER_STATES),
    items: z.array(orderItem).max(MAX_LINES),
    itemCount: z.int().min(0).max(MAX_LINES).describe('The number of lines.'),
    totalPrice: totalMoney,
    comments: z.string().nullable(),
    handledBy: z.string().nullable().describe('The employee who approved or rejected it; null before.'),
    reviewedAt: timestamp.nullable().describe('When it was approved or rejected; null before.'),
    fulfilment: z
      .enum(FULFILMENT_STEPS)
      .nullable()
      .describe('Approved orders only: PREPARING from the approval, then READY, then DELIVERED. null for orders that are not APPROVED.'),
    readyAt: timestamp.nullable().describe('When it was marked ready; null before.'),
    deliveredAt: timestamp.nullable().describe('When it was marked delivered; null before.'),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ description: 'An order with its items.', examples: [examples.orderExample] });

export const orderEvent = z.object({
  from: z.enum(HISTORY_POINTS).nullable().describe('A state, or for a fulfilment step the step before it (PREPARING, READY); null for the creation.'),
  to: z.enum(HISTORY_POINTS).describe('A state, or a fulfilment step (READY, DELIVERED).'),
  at: timestamp,
  by: z.string().describe("The actor's id, as in /v1/me."),
  role,
  comments: z.string().nullable(),
});

export const orderHistory = z
  .object({ items: z.array(orderEvent).describe('Oldest first, one per transition including the creation.') })
  .meta({ description: "An order's transitions; not paginated.", examples: [examples.orderHistoryExample] });

export const notification = z.object({
  id,
  orderId: id,
  message: z.string().describe('The same text as the SMS.'),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

export const notificationPage = z
  .object({
    items: z.array(notification).describe('Newest first.'),
    unreadCount: z.int().min(0),
    nextCursor,
  })
  .meta({
    description: "A page of the caller's own inbox.",
    examples: [{ items: [examples.notificationExample], unreadCount: 1, nextCursor: null }],
  });

export const orderNotification = z.object({
  event: z.enum(ORDER_EVENTS).describe('What the SMS told: the order entering a state (CREATED for its creation) or a fulfilment step.'),
  to: z.string().describe('The number it went to, masked: the country code and two digits, then the last two (`+2547******01`).'),
  status: z
    .enum(['pending', 'sent', 'delivered', 'failed', 'dead_lettered'])
    .describe(
      '`pending` until the provider takes it (`sent`) or refuses it for good (`failed`); after the last attempt it is `dead_lettered` (kept for replay). Delivery reports move a sent message to `delivered` or `failed`.',
    ),
  attempts: z.int().min(0).describe('Send attempts so far.'),
  providerStatus: z.string().nullable().describe("The provider's last word on it (e.g. `Success`, `DeliveredToTerminal`); null before it answered."),
  updatedAt: timestamp,
});

export const orderNotifications = z
  .object({ items: z.array(orderNotification).describe('One per notified event, in the order the events happened.') })
  .meta({ description: "The SMS delivery records of an order's events; not paginated (a handful per order).", examples: [examples.orderNotificationsExample] });

export const readResult = z.object({ unreadCount: z.int().min(0) }).meta({ examples: [{ unreadCount: 0 }] });

export const deliveryReportReceived = z.object({ received: z.literal(true) }).meta({ examples: [{ received: true }] });

const page = <T extends z.ZodType>(item: T, example: unknown) =>
  z.object({ items: z.array(item), nextCursor }).meta({ examples: [{ items: [example], nextCursor: examples.nextCursorExample }] });

export const customerPage = page(customerProfile, examples.customerProfileExample);
export const inventoryPage = page(anyInventoryItem, examples.publicInventoryItemExample);
export const orderPage = page(order, examples.orderExample);

/** The response components, by name. */
export const responseSchemas = {
  Health: health,
  Problem: problem,
  GatewayUnauthorized: gatewayUnauthorized,
  CustomerProfile: customerProfile,
  CustomerMe: customerMe,
  EmployeeMe: employeeMe,
  Me: me,
  Tokens: tokens,
  RefreshedTokens: refreshedTokens,
  InventoryItem: inventoryItem,
  PublicInventoryItem: publicInventoryItem,
  AnyInventoryItem: anyInventoryItem,
  OrderItem: orderItem,
  Order: order,
  OrderHistory: orderHistory,
  OrderNotifications: orderNotifications,
  NotificationPage: notificationPage,
  ReadResult: readResult,
  DeliveryReportReceived: deliveryReportReceived,
  CustomerPage: customerPage,
  InventoryPage: inventoryPage,
  OrderPage: orderPage,
} as const;

export type ResponseSchemaName = keyof typeof responseSchemas;
