import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ok } from '../api/client';
import type { CustomerProfile } from '../api/types';
import { pages } from '../paths';
import { useSession } from '../session';
import { useAction, useLoad } from '../ui/hooks';
import { Empty, ErrorNotice, Show } from '../ui/states';

const CODE = /^[0-9A-Z]{5}$/;

/** A counter or phone order: find the customer, create the order, then add drinks and submit on its page. */
export function NewOrderPage() {
  const { query } = useLocation();
  const { customer } = useSession();
  const chosen = query.customer;
  const loaded = useLoad(async () => (chosen ? customer(chosen) : undefined), [chosen]);
  return (
    <section class="narrow">
      <h1>New order</h1>
      <FindCustomer />
      {chosen && <Show loaded={loaded} what="the customer">{(profile) => profile && <CreateOrder customer={profile} />}</Show>}
    </section>
  );
}

function FindCustomer() {
  const { api } = useSession();
  const { route } = useLocation();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<CustomerProfile[] | undefined>();
  const search = useAction();
  const normalized = code.trim().toUpperCase();

  const find = (event: Event) => {
    event.preventDefault();
    void search.run(async () => {
      const page = await ok(api.GET('/v1/customers', { params: { query: { code: normalized } } }));
      setFound(page.items);
      if (page.items.length === 1) route(pages.newOrder(page.items[0]!.id));
    });
  };

  return (
    <form class="panel" onSubmit={find}>
      <h2>1. Find the customer</h2>
      <div class="fields">
        <label>
          Customer code (5 letters or digits, from the customer's app)
          <input value={code} autoFocus maxLength={5} autoComplete="off" class="code" onInput={(event) => setCode(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!CODE.test(normalized) || search.busy}>
          Find customer
        </button>
      </div>
      {found?.length === 0 && <Empty>No customer has the code {normalized}.</Empty>}
      <ErrorNotice error={search.error} />
    </form>
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
      <p>
        For <strong>{customer.name}</strong> · {customer.phoneNumber} · <span class="code">{customer.code}</span>
      </p>
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
