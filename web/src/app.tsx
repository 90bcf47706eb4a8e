import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { CONSOLE_BASE_PATH } from './config-shape';
import { BoardsPage } from './pages/boards';
import { CustomerPage } from './pages/customer';
import { CustomersPage } from './pages/customers';
import { InventoryPage } from './pages/inventory';
import { NewOrderPage } from './pages/new-order';
import { NotFoundPage } from './pages/not-found';
import { OrderPage } from './pages/order';
import { QueuePage } from './pages/queue';
import { pages } from './paths';
import { SessionContext, useSession, type Session } from './session';

const NAVIGATION = [
  { href: pages.queue, label: 'Review queue' },
  { href: pages.boards, label: 'Boards' },
  { href: pages.newOrder(), label: 'New order' },
  { href: pages.inventory, label: 'Inventory' },
  { href: pages.customers, label: 'Customers' },
];

function Header() {
  const { me, signOut } = useSession();
  const { path } = useLocation();
  // An order page belongs to the queue or to the boards depending on its state, so it marks neither.
  const current = (href: string) => (href === CONSOLE_BASE_PATH ? `${path}/`.replace('//', '/') === href : path.startsWith(href));
  return (
    <header class="top">
      <a class="brand" href={pages.queue}>
        Beverage Shop <span>console</span>
      </a>
      <nav aria-label="Pages">
        {NAVIGATION.map((link) => (
          <a href={link.href} aria-current={current(link.href) ? 'page' : undefined}>
            {link.label}
          </a>
        ))}
      </nav>
      <div class="who">
        <span>{me.name}</span>
        <button type="button" class="secondary" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}

/** The signed-in employee's console: header, navigation and the pages. */
export function App({ session }: { session: Session }) {
  return (
    <SessionContext.Provider value={session}>
      <LocationProvider scope={CONSOLE_BASE_PATH}>
        <Header />
        <main>
          <Router>
            <Route path={pages.queue} component={QueuePage} />
            <Route path={pages.boards} component={BoardsPage} />
            <Route path={`${CONSOLE_BASE_PATH}orders/:orderId`} component={OrderPage} />
            <Route path={`${CONSOLE_BASE_PATH}new-order`} component={NewOrderPage} />
            <Route path={pages.inventory} component={InventoryPage} />
            <Route path={pages.customers} component={CustomersPage} />
            <Route path={`${CONSOLE_BASE_PATH}customers/:customerId`} component={CustomerPage} />
            <Route default component={NotFoundPage} />
          </Router>
        </main>
      </LocationProvider>
    </SessionContext.Provider>
  );
}
