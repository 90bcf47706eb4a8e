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
interface ErrorNoticeProps {
  error: unknown;
  context?: ProblemContext;
  onRetry?: () => void;
  /** What the error is about, when the page shows several things ("Order 6BV8NE"). */
  about?: string;
  /** Instead of the usual hint, when the page already did what it would say (reloaded). */
  hint?: string;
}

export function ErrorNotice({ error, context, onRetry, about, hint: ownHint }: ErrorNoticeProps) {
  if (error === undefined) return null;
  const described = describeProblem(error, context);
  const { message } = described;
  const hint = ownHint ?? described.hint;
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
