import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ok } from '../api/client';
import type { CustomerProfile } from '../api/types';
import { pages } from '../paths';
import { useSession } from '../session';
import { useAction, useLoad } from '../ui/hooks';
import { CustomerSearchBox, useCustomerSearchBox } from '../ui/customer-search-box';
import { Empty, ErrorNotice, Show } from '../ui/states';

/** A counter or phone order: find the customer, create the order, then add drinks and submit on its page. */
export function NewOrderPage() {
  const { query } = useLocation();
  const { customer } = useSession();
  const chosen = query.customer;
  const loaded = useLoad(async () => (chosen ? customer(chosen) : undefined), [chosen]);
  return (
    <section class="narrow">
      <h1>New order</h1>
      {chosen ? (
        <Show loaded={loaded} what="the customer">
          {(profile) =>
            profile && (
              <>
                <ChosenCustomer customer={profile} />
                <CreateOrder customer={profile} />
              </>
            )
          }
        </Show>
      ) : (
        <FindCustomer />
      )}
    </section>
  );
}

/** Step 1 once done: the search is put away, so the counter sees only the order being created. */
function ChosenCustomer({ customer }: { customer: CustomerProfile }) {
  const { route } = useLocation();
  return (
    <section class="panel" aria-labelledby="chosen-customer">
      <h2 id="chosen-customer">1. Customer</h2>
      <p>
        <strong>{customer.name}</strong> · {customer.phoneNumber} · <span class="code">{customer.code}</span>
      </p>
      <button type="button" class="secondary small" onClick={() => route(pages.newOrder())}>
        Change customer
      </button>
    </section>
  );
}

/** Step 1: the customer by name, phone or code, as the employee types; Enter picks a single match. */
function FindCustomer() {
  const { route } = useLocation();
  const search = useCustomerSearchBox(false);
  const found = search.found.data;
  const choose = (customer: CustomerProfile) => route(pages.newOrder(customer.id));
  return (
    <section class="panel" aria-labelledby="find-customer">
      <h2 id="find-customer">1. Find the customer</h2>
      <CustomerSearchBox search={search} autoFocus onEnter={() => found?.items.length === 1 && choose(found.items[0]!)} />
      <ErrorNotice error={search.found.status === 'error' ? search.found.error : undefined} onRetry={search.found.reload} />
      {found && found.items.length === 0 && <Empty>No customer matches “{found.text}”.</Empty>}
      {found && found.items.length > 0 && (
        <ul class="picker">
          {found.items.map((customer) => (
            <li key={customer.id}>
              <span>
                <strong>{customer.name}</strong> · {customer.phoneNumber} · <span class="code">{customer.code}</span>
              </span>
              <button type="button" class="secondary small" aria-label={`Choose ${customer.name} (${customer.code})`} onClick={() => choose(customer)}>
                Choose
              </button>
            </li>
          ))}
        </ul>
      )}
      {found?.more && (
        <button type="button" class="secondary small" onClick={search.showMore}>
          Show more customers
        </button>
      )}
    </section>
  );
}

function CreateOrder({ customer }: { customer: CustomerProfile }) {
  const { api } = useSession();
  const { route } = useLocation();
  const [comments, setComments] = useState('');
  const create = useAction();
  // One key per form: a double click or a retry after a lost answer returns the same order.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const submit = (event: Event) => {
    event.preventDefault();
    void create.run(async () => {
      const order = await ok(
        api.POST('/v1/orders', {
          body: { customerId: customer.id, ...(comments.trim() && { comments: comments.trim() }) },
          headers: { 'idempotency-key': idempotencyKey },
        }),
      );
      route(pages.order(order.id));
    });
  };

  return (
    <form class="panel" onSubmit={submit}>
      <h2>2. Create the order</h2>
      <label>
        Comments (optional, for example "pick-up at 5 pm")
        <textarea rows={2} maxLength={1000} value={comments} onInput={(event) => setComments(event.currentTarget.value)} />
      </label>
      <div class="buttons">
        <button type="submit" disabled={create.busy}>
          Create order
        </button>
      </div>
      <p class="muted">Then add drinks from the menu and submit it on the order's page.</p>
      <ErrorNotice error={create.error} />
    </form>
  );
}
