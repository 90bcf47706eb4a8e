import { useSession } from '../session';
import { useLoad } from './hooks';

/** "Ann Njeri · K7Q2M", read through the session's cache of profiles. */
export function CustomerName({ customerId }: { customerId: string }) {
  const { customer } = useSession();
  const loaded = useLoad(() => customer(customerId), [customerId]);
  if (loaded.status === 'error') return <span class="muted">unknown customer</span>;
  if (!loaded.data) return <span class="muted">…</span>;
  return (
    <span>
      {loaded.data.name} <span class="code">{loaded.data.code}</span>
    </span>
  );
}
