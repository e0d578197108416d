'use client';
import { useEffect } from 'react';

/** What every route's error.tsx shows: a message in both languages and a retry, never a blank page. */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="panel" role="alert" data-testid="error">
      <h1>تعذّر تنفيذ الاستعلام · The query failed</h1>
      <p className="ltr">{error.message || 'Server error'}</p>
      {error.digest && (
        <p className="note">
          digest: <code>{error.digest}</code> (see the server log)
        </p>
      )}
      <button type="button" onClick={reset}>
        إعادة المحاولة · Try again
      </button>
    </section>
  );
}
