import { markAllRead, markRead } from '../../data/notifications';
import { httpHandler } from '../../platform/http-handler';
import { json } from '../../platform/responses';
import { notificationsReadRoute } from './routes';

export const handler = httpHandler(notificationsReadRoute, async (request) => {
  const { caller } = request;
  const body = request.body();
  const unreadCount = 'all' in body ? await markAllRead(caller.id) : await markRead(caller.id, body.ids);
  return json(200, { unreadCount });
});
