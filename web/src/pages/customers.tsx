import type { CustomerProfile } from '../api/types';
import { formatTime } from '../lib/time';
import { pages } from '../paths';
import { CustomerSearchBox, useCustomerSearchBox } from '../ui/customer-search-box';
import { Empty, Show } from '../ui/states';
import { TableHead } from '../ui/table';

/** The customers, newest first, or those matching a name, phone or code as the employee types. */
export function CustomersPage() {
  const search = useCustomerSearchBox(true);
  return (
    <section>
      <h1>Customers</h1>
      <CustomerSearchBox search={search} />
      <Show loaded={search.found} what="the customers">
        {(found) =>
          !found || found.items.length === 0 ? (
            <Empty>{found?.text ? `No customer matches “${found.text}”.` : 'No customers yet.'}</Empty>
          ) : (
            <>
              <CustomerTable customers={found.items} />
              {found.more && (
                <button type="button" class="secondary" onClick={search.showMore}>
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
