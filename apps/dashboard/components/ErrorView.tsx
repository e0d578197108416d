'use client';
import { useEffect } from 'react';
import { t, type StringKey } from '../lib/i18n';

const both = (key: StringKey) => `${t('ar', key)} · ${t('en', key)}`;

/**
 * What every route's error.tsx shows: a message in both languages and a retry, never a blank page. A
 * server error reaches the browser without its message (Next.js withholds it in production), so the page
 * names the digest under which the server log has it.
 */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="panel" role="alert" data-testid="error">
      <h1>{both('queryFailed')}</h1>
      {error.digest ? (
        <p>
          {both('serverErrorBody')} <code>{error.digest}</code>
        </p>
      ) : (
        <p className="ltr">{error.message}</p>
      )}
      <button type="button" onClick={reset}>
        {both('retry')}
      </button>
    </section>
  );
}
