import type { ComponentChildren } from 'preact';
import { describeProblem, type ProblemContext } from '../lib/problems';
import type { Loaded } from './hooks';

export const Loading = ({ what }: { what: string }) => (
  <p class="loading" role="status">
    Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ComponentChildren }) => <p class="empty">{children}</p>;

/** A refusal or failure in words, with what to do; never the raw problem body. */
export function ErrorNotice({ error, context, onRetry, about }: { error: unknown; context?: ProblemContext; onRetry?: () => void; about?: string }) {
  if (error === undefined) return null;
  const { message, hint } = describeProblem(error, context);
  return (
    <div class="notice error" role="alert">
      <strong>
        {about && `${about}: `}
        {message}
      </strong>{' '}
      <span>{hint}</span>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          Reload
        </button>
      )}
    </div>
  );
}

/** Loading, error (with a reload button) or the content, for one loaded value. */
export function Show<T>({ loaded, what, children }: { loaded: Loaded<T>; what: string; children: (data: T) => ComponentChildren }) {
  if (loaded.status === 'error' && loaded.data === undefined) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <Loading what={what} />;
  return (
    <>
      {loaded.status === 'error' && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {children(loaded.data)}
    </>
  );
}
