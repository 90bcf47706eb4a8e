import type * as z from 'zod';
import { refreshBody, registerBody, tokenBody } from '../http/auth/schemas';
import { listCustomersQuery } from '../http/customers/schemas';
import { adjustmentBody, createInventoryItemBody, listInventoryQuery, patchInventoryItemBody } from '../http/inventory/schemas';
import { patchMeBody } from '../http/me/schemas';
import { listNotificationsQuery, markReadBody } from '../http/notifications/schemas';
import {
  addItemBody,
  createOrderBody,
  listOrdersQuery,
  noBody,
  optionalCommentsBody,
  rejectBody,
  updateItemBody,
} from '../http/orders/schemas';
import { deliveryReportQuery, smsDeliveryReport } from '../http/sms/schemas';
import type { RouteKey } from '../routes';
import { exampleIds, orderAfter } from './examples';
import type { ProblemCode } from './problems';
import type { ResponseSchemaName } from './schemas';


export interface RequestBodyDoc {
  /** The request schema the handler validates with (functions/http/<resource>/schemas.ts). */
  schema: z.ZodType;
  /** Its component name. */
  name: string;
  /** Default: required when the schema requires a member. */
  required?: boolean;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  example?: unknown;
}

export interface SuccessDoc {
  status: 200 | 201 | 204;
  description: string;
  schema?: ResponseSchemaName;
  /** An example of this route's answer, where the schema's own would mislead (an order in another state). */
  example?: unknown;
  /** The response carries `ETag: "<version>"`: always, or only for the role named (the one whose view has a version). */
  etag?: true | 'customers' | 'employees';
  /** Non-JSON content (the docs pages and assets), by media type. */
  content?: Record<string, { schema: Record<string, unknown> }>;
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>;
}

export interface OperationDoc {
  summary: string;
  description?: string;
  query?: z.ZodType;
  body?: RequestBodyDoc;
  /** Honours the Idempotency-Key header. */
  idempotent?: boolean;
  /** Honours If-Match (412 when stale). */
  ifMatch?: boolean;
  success: SuccessDoc;
  /**
   * The problems particular to this route. The builder adds those every route of its kind can
   * answer: 401/403 from its auth mode, 400/413 from its input, 412 from If-Match, the
   * idempotency problems, 500, and 503 when it calls a backing service.
   */
  problems?: ProblemCode[];
  /** Where a code means something particular on this route, what. */
  problemNotes?: Partial<Record<ProblemCode, string>>;
  /** What a 404 is about, for its example. */
  resource?: string;
  /** Calls DynamoDB or Cognito, so it can answer 503 (default true). */
  backend?: boolean;
}

const noStore = { 'Cache-Control': { description: 'Tokens are never cached: `no-store`.', schema: { type: 'string', const: 'no-store' } } };

/**
 * THE operation registry: one entry per route of functions/routes.ts (the type makes a missing or
 * extra route a compile error), with the schemas the handlers validate with.
 */
export const operations: Record<RouteKey, OperationDoc> = {
  'GET /v1/health': {
    summary: 'Health check',
    success: { status: 200, description: 'The service is up.', schema: 'Health' },
    backend: false,
  },
  'GET /v1/openapi.json': {
    summary: 'This OpenAPI 3.1 document',
    description: 'Generated from the same zod schemas that validate the requests.',
    success: {
      status: 200,
      description: 'The OpenAPI document.',
      content: { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document.' } } },
      headers: { ETag: { description: 'A hash of the document; send it in If-None-Match to get a 304.', schema: { type: 'string' } } },
    },
    backend: false,
  },
  'GET /docs': {
    summary: 'Swagger UI',
    description: 'Interactive documentation with an Authorize button (bearer token or hosted login). Served by the service; no CDN.',
    success: { status: 200, description: 'An HTML page.', content: { 'text/html': { schema: { type: 'string' } } } },
    backend: false,
  },
  'GET /redoc': {
    summary: 'Redoc',
    description: 'Reference documentation. Served by the service; no CDN.',
    success: { status: 200, description: 'An HTML page.', content: { 'text/html': { schema: { type: 'string' } } } },
    backend: false,
  },
  'GET /docs/assets/{file}': {
    summary: 'A file of Swagger UI or Redoc',
    description: 'Serves a fixed list of files from the swagger-ui-dist and redoc packages; anything else is a 404.',
    success: {
      status: 200,
      description: 'The file. Versioned URLs (`?v=<package version>`) may be cached for a year.',
      content: {
        'text/css': { schema: { type: 'string' } },
        'text/javascript': { schema: { type: 'string' } },
        'text/html': { schema: { type: 'string' } },
        'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
      },
      headers: {
        'Cache-Control': { description: 'Public; immutable for versioned URLs.', schema: { type: 'string' } },
        ETag: { description: 'A hash of the file; send it in If-None-Match to get a 304.', schema: { type: 'string' } },
      },
    },
    problems: ['not_found'],
    resource: 'file',
    backend: false,
  },
  'POST /v1/auth/register': {
    summary: 'Register a customer',
    description:
      'Creates a confirmed Cognito user in the `customers` group and the customer profile. The password follows the Cognito policy: 8+ characters with an upper-case letter, a lower-case letter and a digit. Cognito sends no email (the API verifies the address itself). A registration either completes or leaves nothing behind; one that was cut off halfway (a timeout) is finished by the same person retrying with the same email and password, 30 seconds later at most (until then `email_taken`). Cognito throttling or quota answers 503 with `Retry-After`.',
    body: {
      schema: registerBody,
      name: 'RegisterRequest',
      example: { email: 'alice@example.com', password: 'Secret123', name: 'Alice Wanjiru', phoneNumber: '+254722000000', address: '12 Moi Avenue, Nairobi' },
    },
    idempotent: true,
    success: { status: 201, description: 'The new customer profile.', schema: 'CustomerProfile', etag: true },
    problems: ['email_taken'],
  },
  'POST /v1/auth/token': {
    summary: 'Sign in with email and password',
    description: 'Returns Cognito tokens. Use the `accessToken` as the bearer token (the Authorize button of /docs).',
    body: { schema: tokenBody, name: 'TokenRequest', example: { email: 'employee@example.com', password: 'Employee123' } },
    success: { status: 200, description: 'Tokens.', schema: 'Tokens', headers: noStore },
    problems: ['invalid_credentials'],
  },
  'POST /v1/auth/refresh': {
    summary: 'Refresh the tokens',
    body: { schema: refreshBody, name: 'RefreshRequest' },
    success: { status: 200, description: 'New access and id tokens.', schema: 'RefreshedTokens', headers: noStore },
    problems: ['invalid_credentials'],
  },
  'GET /v1/me': {
    summary: 'The signed-in user',
    description: 'For a customer, the whole profile (with its ETag); for an employee, id, email, name and role.',
    success: { status: 200, description: 'The signed-in user.', schema: 'Me', etag: 'customers' },
    problems: ['not_found'],
    resource: 'profile',
  },
  'PATCH /v1/me': {
    summary: "Update the signed-in customer's profile",
    description: 'Blank strings count as not sent; `address: null` clears the address.',
    body: { schema: patchMeBody, name: 'PatchMeRequest', example: { phoneNumber: '+254733000000', address: null } },
    ifMatch: true,
    success: { status: 200, description: 'The updated profile.', schema: 'CustomerMe', etag: true },
    problems: ['not_found'],
    resource: 'customer',
  },
  'GET /v1/customers': {
    summary: 'List customers',
    description: 'Newest first. `code` finds the customer with that code (a single page).',
    query: listCustomersQuery,
    success: { status: 200, description: 'A page of customer profiles.', schema: 'CustomerPage' },
  },
  'GET /v1/customers/{customerId}': {
    summary: 'A customer profile',
    description: 'Employees see every profile, a customer only their own; anyone else gets 404.',
    success: { status: 200, description: 'The profile.', schema: 'CustomerProfile', etag: true },
    problems: ['not_found'],
    resource: 'customer',
  },
  'GET /v1/inventory': {
    summary: 'List the menu',
    description: 'By name. The token is optional: employees see stock figures and versions, everyone else the public view.',
    query: listInventoryQuery,
    success: { status: 200, description: 'A page of inventory items.', schema: 'InventoryPage' },
  },
  'GET /v1/inventory/{itemId}': {
    summary: 'An inventory item',
    description: 'The token is optional: employees get the whole item with its ETag, everyone else the public view.',
    success: { status: 200, description: 'The item.', schema: 'AnyInventoryItem', etag: 'employees' },
    problems: ['not_found'],
    resource: 'inventory item',
  },
  'POST /v1/inventory': {
    summary: 'Add an inventory item',
    body: {
      schema: createInventoryItemBody,
      name: 'CreateInventoryItemRequest',
      example: { name: 'Caffè Latte', type: 'COFFEE', caffeinated: true, price: '6.40', onHand: 24 },
    },
    success: { status: 201, description: 'The new item.', schema: 'InventoryItem', etag: true },
  },
  'PATCH /v1/inventory/{itemId}': {
    summary: 'Change an inventory item',
    description: 'Any of name, type, caffeinated, flavored, price, warnLimit; at least one. `onHand` changes only through adjustments (sending it is a 400).',
    body: { schema: patchInventoryItemBody, name: 'PatchInventoryItemRequest', required: true, example: { price: '6.80' } },
    ifMatch: true,
    success: { status: 200, description: 'The updated item.', schema: 'InventoryItem', etag: true },
    problems: ['not_found'],
    resource: 'inventory item',
  },
  'POST /v1/inventory/{itemId}/adjustments': {
    summary: 'Adjust the stock',
    description: 'Adds `delta` (negative to remove) to `onHand` atomically; a result below 0 changes nothing.',
    body: { schema: adjustmentBody, name: 'StockAdjustmentRequest', example: { delta: 12, reason: 'Delivery from the roaster' } },
    ifMatch: true,
    success: { status: 200, description: 'The item after the adjustment.', schema: 'InventoryItem', etag: true },
    problems: ['not_found', 'insufficient_stock'],
    resource: 'inventory item',
  },
  'DELETE /v1/inventory/{itemId}': {
    summary: 'Archive an inventory item',
    description: 'Gone from lists and reads (404) and cannot be added to orders; orders that hold it are untouched.',
    ifMatch: true,
    success: { status: 204, description: 'Archived.' },
    problems: ['not_found'],
    resource: 'inventory item',
  },
  'POST /v1/orders': {
    summary: 'Create an order',
    description:
      'A customer orders for themselves (`customerId` omitted or their own id, else 403); an employee names the customer. The order starts in CREATED with no items.',
    body: { schema: createOrderBody, name: 'CreateOrderRequest', example: { comments: 'No sugar, please' } },
    idempotent: true,
    success: { status: 201, description: 'The new order.', schema: 'Order', etag: true, example: orderAfter.create },
    problems: ['unknown_customer'],
  },
  'GET /v1/orders': {
    summary: 'List orders',
    description: 'Newest first. Customers get their own orders; employees all, filtered by `state` and `customerId`.',
    query: listOrdersQuery,
    success: { status: 200, description: 'A page of orders.', schema: 'OrderPage' },
  },
  'GET /v1/orders/{orderId}': {
    summary: 'An order with its items',
    success: { status: 200, description: 'The order.', schema: 'Order', etag: true },
    problems: ['not_found'],
    resource: 'order',
  },
  'GET /v1/orders/{orderId}/history': {
    summary: "An order's history",
    description: 'One entry per transition including the creation (`from: null`), oldest first; not paginated.',
    success: { status: 200, description: 'The transitions.', schema: 'OrderHistory' },
    problems: ['not_found'],
    resource: 'order',
  },
  'POST /v1/orders/{orderId}/items': {
    summary: 'Add an item to an order',
    description:
      'Only in CREATED or PENDING. `name` and `unitPrice` are copied from the inventory item; only employees may set `unitPrice` (a customer sending it gets 403). At most 50 distinct items. Stock is not reserved: only `onHand > 0` is checked.',
    body: { schema: addItemBody, name: 'AddOrderItemRequest', example: { itemId: exampleIds.latteId, quantity: 2 } },
    ifMatch: true,
    success: { status: 201, description: 'The new line.', schema: 'OrderItem' },
    problems: ['not_found', 'order_not_editable', 'duplicate_item', 'out_of_stock', 'unknown_item', 'too_many_items'],
    resource: 'order',
  },
  'PATCH /v1/orders/{orderId}/items/{itemId}': {
    summary: 'Change an item of an order',
    description:
      'Only in CREATED or PENDING; `unitPrice` only from employees. An item not on the order is a 404. The body names at least one of `quantity` and `unitPrice` (an empty one is a 400: it would change nothing).',
    body: { schema: updateItemBody, name: 'UpdateOrderItemRequest', example: { quantity: 3 } },
    ifMatch: true,
    success: { status: 200, description: 'The changed line.', schema: 'OrderItem' },
    problems: ['not_found', 'order_not_editable'],
    resource: 'order item',
  },
  'DELETE /v1/orders/{orderId}/items/{itemId}': {
    summary: 'Remove an item from an order',
    description: 'Only in CREATED or PENDING. An item not on the order is a 404.',
    ifMatch: true,
    success: { status: 204, description: 'Removed.' },
    problems: ['not_found', 'order_not_editable'],
    resource: 'order item',
  },
  'POST /v1/orders/{orderId}/submit': {
    summary: 'Submit an order for review',
    description: 'CREATED → PENDING. The order needs items.',
    body: { schema: noBody, name: 'EmptyRequest' },
    ifMatch: true,
    success: { status: 200, description: 'The order, now PENDING.', schema: 'Order', etag: true },
    problems: ['not_found', 'invalid_transition', 'order_empty'],
    resource: 'order',
  },
  'POST /v1/orders/{orderId}/approve': {
    summary: 'Approve an order',
    description:
      "PENDING → APPROVED. Deducts every item's quantity from `onHand` in one atomic step: if any item lacks stock, nothing changes. `comments` replace the order's comments.",
    body: { schema: optionalCommentsBody, name: 'OrderCommentsRequest' },
    ifMatch: true,
    success: { status: 200, description: 'The order, now APPROVED.', schema: 'Order', etag: true, example: orderAfter.approve },
    problems: ['not_found', 'invalid_transition', 'order_empty', 'insufficient_stock'],
    resource: 'order',
  },
  'POST /v1/orders/{orderId}/reject': {
    summary: 'Reject an order',
    description: "PENDING → REJECTED, with a reason that replaces the order's comments and is sent to the customer.",
    body: { schema: rejectBody, name: 'RejectOrderRequest', example: { comments: 'We are out of oat milk today.' } },
    ifMatch: true,
    success: { status: 200, description: 'The order, now REJECTED.', schema: 'Order', etag: true, example: orderAfter.reject },
    problems: ['not_found', 'invalid_transition'],
    resource: 'order',
  },
  'POST /v1/orders/{orderId}/cancel': {
    summary: 'Cancel an order',
    description: "CREATED or PENDING → CANCELED. `comments` replace the order's comments.",
    body: { schema: optionalCommentsBody, name: 'OrderCommentsRequest' },
    ifMatch: true,
    success: { status: 200, description: 'The order, now CANCELED.', schema: 'Order', etag: true, example: orderAfter.cancel },
    problems: ['not_found', 'invalid_transition'],
    resource: 'order',
  },
  'GET /v1/notifications': {
    summary: 'The inbox',
    description: "The caller's own notifications, newest first: the same texts as the SMS messages about their orders.",
    query: listNotificationsQuery,
    success: { status: 200, description: 'A page of notifications and the unread count.', schema: 'NotificationPage' },
  },
  'POST /v1/notifications/read': {
    summary: 'Mark notifications read',
    description: 'Either `ids` (the caller\'s own notifications) or `all: true`.',
    body: { schema: markReadBody, name: 'MarkNotificationsReadRequest', example: { all: true } },
    success: { status: 200, description: 'The unread count afterwards.', schema: 'ReadResult' },
  },
  'POST /v1/sms/delivery-reports': {
    summary: "Africa's Talking delivery report callback",
    description:
      "Called by Africa's Talking with the delivery status of a sent SMS; not for clients. The callback URL configured at the provider carries the shared secret as `token`. Unknown fields and statuses are accepted: a 400 would only make the provider retry the same report.",
    query: deliveryReportQuery,
    body: {
      schema: smsDeliveryReport,
      name: 'SmsDeliveryReport',
      contentType: 'application/x-www-form-urlencoded',
      example: { id: 'ATXid_4a1c9e2b7f', status: 'Success', phoneNumber: '+254722000000', networkCode: '63902', retryCount: '0' },
    },
    success: { status: 200, description: 'The report was recorded (known message or not).', schema: 'DeliveryReportReceived' },
    problems: ['unauthorized'],
    problemNotes: { unauthorized: 'The callback `token` is missing or wrong (or no secret is configured).' },
  },
};
