import { pages } from '../paths';
import { useSession } from '../session';
import { useLoad } from '../ui/hooks';
import { Show } from '../ui/states';

export function OrderCustomer({ customerId }: { customerId: string }) {
  const { customer } = useSession();
  const loaded = useLoad(() => customer(customerId), [customerId]);
  return (
    <section class="panel">
      <h2>Customer</h2>
      <Show loaded={loaded} what="the customer">
        {(profile) => (
          <dl>
            <dt>Name</dt>
            <dd>
              <a href={pages.customer(profile.id)}>{profile.name}</a>
            </dd>
            <dt>Phone</dt>
            <dd>
              <a href={`tel:${profile.phoneNumber}`}>{profile.phoneNumber}</a>
            </dd>
            <dt>Code</dt>
            <dd class="code">{profile.code}</dd>
          </dl>
        )}
      </Show>
    </section>
  );
}
