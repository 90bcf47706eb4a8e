import { useState } from 'preact/hooks';
import { firstPages, ok } from '../api/client';
import type { CustomerProfile } from '../api/types';
import { formatTime } from '../lib/time';
import { pages } from '../paths';
import { useSession } from '../session';
import { useLoad } from '../ui/hooks';
import { Empty, Show } from '../ui/states';
import { TableHead } from '../ui/table';

const CODE = /^[0-9A-Z]{5}$/;

/** The customers, newest first, or the one with a code. */
export function CustomersPage() {
  const { api } = useSession();
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string>();
  const [pageCount, setPageCount] = useState(1);
  const loaded = useLoad(
    () => firstPages(pageCount, (cursor) => ok(api.GET('/v1/customers', { params: { query: { limit: 50, cursor, ...(code && { code }) } } }))),
    [code, pageCount],
  );
  const normalized = input.trim().toUpperCase();

  return (
    <section>
      <h1>Customers</h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setPageCount(1);
          setCode(normalized || undefined);
        }}
      >
        <label>
          Customer code
          <input class="code" maxLength={5} value={input} onInput={(event) => setInput(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={normalized !== '' && !CODE.test(normalized)}>
          {normalized ? 'Find' : 'Show all'}
        </button>
      </form>
      <Show loaded={loaded} what="the customers">
        {({ items, more }) =>
          items.length === 0 ? (
            <Empty>{code ? `No customer has the code ${code}.` : 'No customers yet.'}</Empty>
          ) : (
            <>
              <CustomerTable customers={items} />
              {more && (
                <button type="button" class="secondary" onClick={() => setPageCount((count) => count + 1)}>
                  Show more customers
                </button>
              )}
            </>
          )
        }
      </Show>
    </section>
  );
}

function CustomerTable({ customers }: { customers: CustomerProfile[] }) {
  return (
    <table class="list">
      <TableHead columns={['Name', 'Code', 'Phone', 'Email', 'Customer since']} />
      <tbody>
        {customers.map((customer) => (
          <tr key={customer.id}>
            <th scope="row">
              <a href={pages.customer(customer.id)}>{customer.name}</a>
            </th>
            <td class="code">{customer.code}</td>
            <td>{customer.phoneNumber}</td>
            <td>{customer.email}</td>
            <td>{formatTime(customer.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
