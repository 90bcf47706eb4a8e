import { inboxBinding } from '../../core/cursor-bindings';
import { listInbox } from '../../data/notifications';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { notificationsListRoute } from './routes';

export const handler = httpHandler(notificationsListRoute, async (request) => {
  const { caller } = request;
  const { cursor, limit } = request.query;
  const inbox = await listInbox(caller.id, { binding: inboxBinding(caller.id), cursor, limit });
  return json(200, { items: inbox.items, unreadCount: inbox.unreadCount, nextCursor: inbox.nextCursor });
});
