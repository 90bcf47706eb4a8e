import type { OrderHistory } from '../api/types';
import { orderStateLabel } from '../ui/badges';
import { formatTime } from '../lib/time';

/** The order's transitions, oldest first, as a timeline. */
export function OrderHistoryTimeline({ history }: { history: OrderHistory['items'] }) {
  return (
    <section class="panel">
      <h2>History</h2>
      <ol class="timeline">
        {history.map((entry) => (
          <li key={`${entry.at}-${entry.to}`}>
            <strong>{entry.from === null ? `Created` : `${orderStateLabel(entry.from)} → ${orderStateLabel(entry.to)}`}</strong>
            <span class="muted">
              {' '}
              {formatTime(entry.at)} by {entry.role === 'employee' ? 'an employee' : 'the customer'}
            </span>
            {entry.comments && <p class="comments">“{entry.comments}”</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
