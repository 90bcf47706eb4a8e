/** Example bodies of the document: one consistent little shop, so that ids and references agree across operations. */

const customerId = '3f1c2b7e-8d4a-4c1e-9b2f-5a6d7e8f9a0b';
const employeeId = '7a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';
export const latteId = '01JD2ZK7Q9X3M5B8C4N6P0R2ST';
const waterId = '01JD2ZM1A2B3C4D5E6F7G8H9JK';
const orderId = '01JD3A8F0G1H2J3K4M5N6P7QRS';

export const customerProfileExample = {
  id: customerId,
  email: 'alice@example.com',
  name: 'Alice Wanjiru',
  phoneNumber: '+254722000000',
  address: '12 Moi Avenue, Nairobi',
  code: 'K7Q2M',
  createdAt: '2026-11-20T08:15:00.000Z',
  updatedAt: '2026-11-20T08:15:00.000Z',
  version: 1,
};

export const customerMeExample = { ...customerProfileExample, role: 'customer' as const };

export const employeeMeExample = { id: employeeId, email: 'employee@example.com', name: 'Demo Employee', role: 'employee' as const };

export const tokensExample = {
  accessToken: 'eyJraWQiOiJhY2Nlc3MiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzZjFjIn0.c2lnbmF0dXJl',
  idToken: 'eyJraWQiOiJpZCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiIzZjFjIn0.c2lnbmF0dXJl',
  refreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.cmVmcmVzaA',
  expiresIn: 3600,
  tokenType: 'Bearer' as const,
};

export const refreshedTokensExample = {
  accessToken: tokensExample.accessToken,
  idToken: tokensExample.idToken,
  expiresIn: tokensExample.expiresIn,
  tokenType: tokensExample.tokenType,
};

export const inventoryItemExample = {
  id: latteId,
  name: 'Caffè Latte',
  type: 'COFFEE' as const,
  caffeinated: true,
  flavored: false,
  price: '6.40',
  state: 'AVAILABLE' as const,
  onHand: 24,
  warnLimit: 3,
  createdAt: '2026-11-19T07:00:00.000Z',
  updatedAt: '2026-11-21T16:42:10.000Z',
  version: 4,
};

/** The same item as customers and anonymous callers see it. */
export const publicInventoryItemExample = (({ onHand: _onHand, warnLimit: _warnLimit, version: _version, ...item }) => item)(inventoryItemExample);

export const orderItemExample = { itemId: latteId, name: 'Caffè Latte', quantity: 2, unitPrice: '6.40', totalPrice: '12.80' };

export const orderExample = {
  id: orderId,
  reference: orderId.slice(-6).toUpperCase(),
  customerId,
  state: 'PENDING' as const,
  items: [orderItemExample, { itemId: waterId, name: 'Still Water 500 ml', quantity: 1, unitPrice: '1.50', totalPrice: '1.50' }],
  itemCount: 2,
  totalPrice: '14.30',
  comments: 'No sugar, please',
  handledBy: null,
  reviewedAt: null,
  fulfilment: null,
  readyAt: null,
  deliveredAt: null,
  createdAt: '2026-11-22T09:30:00.000Z',
  updatedAt: '2026-11-22T09:34:12.000Z',
  version: 4,
};

export const orderHistoryExample = {
  items: [
    { from: null, to: 'CREATED' as const, at: '2026-11-22T09:30:00.000Z', by: customerId, role: 'customer' as const, comments: 'No sugar, please' },
    { from: 'CREATED' as const, to: 'PENDING' as const, at: '2026-11-22T09:34:12.000Z', by: customerId, role: 'customer' as const, comments: null },
  ],
};

export const notificationExample = {
  id: '01JD3A9B2C3D4E5F6G7H8J9KMN',
  orderId,
  message: `Dear customer, your order ${orderId.slice(-6).toUpperCase()} has been created.`,
  createdAt: '2026-11-22T09:30:01.000Z',
  readAt: null,
};

export const nextCursorExample = 'eyJrIjoiMDFKRDNBOEYwRzFIMkozSzRNNU42UDdRUlMifQ.3q2-7w';

/** The order after each action, for the examples of the routes that answer it. */
/* The order as create, approve, reject and cancel leave it (one export each: a route's bundle keeps only its own). */
export const createdOrderExample = { ...orderExample, state: 'CREATED' as const, items: [], itemCount: 0, totalPrice: '0.00', updatedAt: orderExample.createdAt, version: 1 };
export const approvedOrderExample = {
  ...orderExample,
  state: 'APPROVED' as const,
  comments: 'Enjoy!',
  handledBy: employeeId,
  reviewedAt: '2026-11-22T09:41:05.000Z',
  fulfilment: 'PREPARING' as const,
  updatedAt: '2026-11-22T09:41:05.000Z',
  version: 5,
};
export const rejectedOrderExample = {
  ...orderExample,
  state: 'REJECTED' as const,
  comments: 'We are out of oat milk today.',
  handledBy: employeeId,
  reviewedAt: '2026-11-22T09:41:05.000Z',
  updatedAt: '2026-11-22T09:41:05.000Z',
  version: 5,
};
export const canceledOrderExample = { ...orderExample, state: 'CANCELED' as const, comments: 'Ordered twice', updatedAt: '2026-11-22T09:36:00.000Z', version: 5 };

/* The approved order after each fulfilment step. */
export const readyOrderExample = { ...approvedOrderExample, fulfilment: 'READY' as const, readyAt: '2026-11-22T09:52:30.000Z', updatedAt: '2026-11-22T09:52:30.000Z', version: 6 };
export const deliveredOrderExample = {
  ...readyOrderExample,
  fulfilment: 'DELIVERED' as const,
  deliveredAt: '2026-11-22T10:05:00.000Z',
  updatedAt: '2026-11-22T10:05:00.000Z',
  version: 7,
};

export const orderNotificationsExample = {
  items: [
    { event: 'CREATED' as const, to: '+2547******00', status: 'delivered' as const, attempts: 1, providerStatus: 'Success', updatedAt: '2026-11-22T09:30:04.000Z' },
    { event: 'PENDING' as const, to: '+2547******00', status: 'sent' as const, attempts: 2, providerStatus: 'Success', updatedAt: '2026-11-22T09:34:20.000Z' },
    { event: 'APPROVED' as const, to: '+2547******00', status: 'dead_lettered' as const, attempts: 5, providerStatus: null, updatedAt: '2026-11-22T09:48:00.000Z' },
  ],
};
