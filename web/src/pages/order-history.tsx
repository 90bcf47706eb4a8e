import type { OrderHistory } from '../api/types';
import { useSession } from '../session';
import { orderStepLabel } from '../ui/badges';
import { formatTime } from '../lib/time';

/** The order's transitions, oldest first, as a timeline. */
export function OrderHistoryTimeline({ history }: { history: OrderHistory['items'] }) {
  const { me } = useSession();
  const actor = (entry: OrderHistory['items'][number]) => (entry.by === me.id ? 'you' : entry.role === 'employee' ? 'an employee' : 'the customer');
  return (
    <section class="panel">
      <h2>History</h2>
      <ol class="timeline">
        {history.map((entry) => (
          <li key={`${entry.at}-${entry.to}`}>
            <strong>{entry.from === null ? 'Created' : `${orderStepLabel(entry.from)} → ${orderStepLabel(entry.to)}`}</strong>
            <span class="muted">
              {' '}
              {formatTime(entry.at)} by {actor(entry)}
            </span>
            {entry.comments && <p class="comments">“{entry.comments}”</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
