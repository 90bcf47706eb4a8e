import { render, type ComponentChildren } from 'preact';
import { createApiClient, ok } from './api/client';
import { ApiError } from './api/types';
import { App } from './app';
import { createAuth, type Auth } from './auth';
import { CALLBACK_PATH, CONSOLE_BASE_PATH, parseConsoleConfig, SIGNED_OUT_PATH, type ConsoleConfig } from './config-shape';
import { customerCache } from './session';
import './styles.css';

const root = document.getElementById('app')!;
// The "Loading the console…" placeholder of index.html goes once the app knows what to show.
const show = (view: ComponentChildren) => {
  root.querySelector('.boot')?.remove();
  render(view, root);
};

function Card({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="card-page">
      <section class="card">
        <h1>{title}</h1>
        {children}
      </section>
    </main>
  );
}

const showCard = (title: string, children: ComponentChildren) => show(<Card title={title}>{children}</Card>);

async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch(`${CONSOLE_BASE_PATH}config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const config = parseConsoleConfig(await response.json());
  if (typeof config === 'string') throw new Error(config);
  return config;
}

const here = () => `${window.location.pathname}${window.location.search}`;

/** Signs the visitor in (or finishes signing in), then shows the console, or the employees-only page to anyone else. */
async function start(auth: Auth, config: ConsoleConfig): Promise<void> {
  if (window.location.pathname === SIGNED_OUT_PATH) {
    return showCard('You are signed out', <SignInButton auth={auth} />);
  }
  if (window.location.pathname === CALLBACK_PATH) {
    const returnTo = await auth.completeSignIn();
    window.history.replaceState(null, '', returnTo);
  }
  const user = await auth.user();
  if (!user) return auth.signIn(here());

  const api = createApiClient(config.apiUrl, auth.accessToken);
  const signOut = () => void auth.signOut();
  const me = await ok(api.GET('/v1/me')).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  });
  if (!me) return auth.signIn(here());
  if (me.role !== 'employee') {
    return showCard(
      'This console is for shop employees',
      <>
        <p>You are signed in as {me.email}, a customer account. Customers order in the shop's app.</p>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </>,
    );
  }
  show(<App session={{ api, me, signOut, customer: customerCache(api) }} />);
}

function SignInButton({ auth }: { auth: Auth }) {
  return (
    <button type="button" onClick={() => void auth.signIn(CONSOLE_BASE_PATH)}>
      Sign in
    </button>
  );
}

async function boot(): Promise<void> {
  let config: ConsoleConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    return showCard('The console is not configured', <p>Its settings could not be read ({(error as Error).message}). Ask the operator.</p>);
  }
  const auth = createAuth(config);
  try {
    await start(auth, config);
  } catch (error) {
    console.error(error);
    showCard(
      'Signing in did not work',
      <>
        <p>{error instanceof ApiError ? 'The service did not answer.' : 'The sign-in could not be completed.'} Try again.</p>
        <SignInButton auth={auth} />
      </>,
    );
  }
}

void boot();
