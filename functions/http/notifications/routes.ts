import type { RouteDeclaration } from '../../route-declaration';
import { listNotificationsQuery, markReadBody } from './schemas';

export const notificationsListRoute = {
  method: 'GET',
  path: '/v1/notifications',
  handler: 'http/notifications/list',
  auth: 'any',
  data: { reads: ['inboxCounter'], queries: ['notification.byRecipient'] },
  summary: 'The inbox',
  description: "The caller's own notifications, newest first: the same texts as the SMS messages about their orders.",
  query: listNotificationsQuery,
  success: { status: 200, description: 'A page of notifications and the unread count.', schema: 'NotificationPage' },
} as const satisfies RouteDeclaration;

export const notificationsReadRoute = {
  method: 'POST',
  path: '/v1/notifications/read',
  handler: 'http/notifications/read',
  auth: 'any',
  data: { reads: ['notification', 'inboxCounter'], queries: ['notification.byRecipient'], writes: ['notification', 'inboxCounter'] },
  summary: 'Mark notifications read',
  description: 'Either `ids` (the caller\'s own notifications) or `all: true`.',
  body: { schema: markReadBody, name: 'MarkNotificationsReadRequest', example: { all: true } },
  success: { status: 200, description: 'The unread count afterwards.', schema: 'ReadResult' },
} as const satisfies RouteDeclaration;

export const notificationRoutes = [notificationsListRoute, notificationsReadRoute] as const;
