import { useState } from 'preact/hooks';
import { firstPages, ok } from '../api/client';
import { formatMoney } from '../lib/money';
import { formatTime } from '../lib/time';
import { pages } from '../paths';
import { useSession } from '../session';
import { FulfilmentBadge, OrderBadge } from '../ui/badges';
import { useLoad } from '../ui/hooks';
import { Empty, Show } from '../ui/states';
import { ITEMS, TableHead, TOTAL } from '../ui/table';

/** A customer's profile and their orders, newest first. */
export function CustomerPage({ customerId }: { customerId: string }) {
  const { api, customer } = useSession();
  const profile = useLoad(() => customer(customerId), [customerId]);
  const [pageCount, setPageCount] = useState(1);
  const orders = useLoad(
    () => firstPages(pageCount, (cursor) => ok(api.GET('/v1/orders', { params: { query: { customerId, limit: 50, cursor } } }))),
    [customerId, pageCount],
  );
  return (
    <section>
      <p>
        <a href={pages.customers}>← Customers</a>
      </p>
      <Show loaded={profile} what="the customer">
        {(found) => (
          <>
            <div class="title-row">
              <h1>{found.name}</h1>
              <a class="button" href={pages.newOrder(found.id)}>
                New order for {found.name}
              </a>
            </div>
            <dl class="profile">
              <dt>Code</dt>
              <dd class="code">{found.code}</dd>
              <dt>Phone</dt>
              <dd>{found.phoneNumber}</dd>
              <dt>Email</dt>
              <dd>{found.email}</dd>
              <dt>Address</dt>
              <dd>{found.address ?? '—'}</dd>
              <dt>Customer since</dt>
              <dd>{formatTime(found.createdAt)}</dd>
            </dl>
          </>
        )}
      </Show>
      <h2>Orders</h2>
      <Show loaded={orders} what="the orders">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No orders yet.</Empty>
          ) : (
            <table class="list">
              <TableHead columns={['Order', 'Placed', 'State', ITEMS, TOTAL]} />
              <tbody>
                {page.items.map((order) => (
                  <tr key={order.id}>
                    <th scope="row">
                      <a href={pages.order(order.id)}>Order {order.reference}</a>
                    </th>
                    <td>{formatTime(order.createdAt)}</td>
                    <td>
                      <OrderBadge state={order.state} />
                      {order.fulfilment && <FulfilmentBadge step={order.fulfilment} />}
                    </td>
                    <td class="number">{order.itemCount}</td>
                    <td class="number">{formatMoney(order.totalPrice)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
      {orders.data?.more && (
        <button type="button" class="secondary" onClick={() => setPageCount((count) => count + 1)}>
          Show more orders
        </button>
      )}
    </section>
  );
}
