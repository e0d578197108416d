import { Suspense, type ReactNode } from 'react';
import { toQuery, type Filters } from '../lib/filters';
import { t, type StringKey } from '../lib/i18n';
import { ChartSkeleton } from './Skeleton';

/** A titled panel whose body streams in, keyed on the view: a new view shows the skeleton while its queries run. */
export function Panel({ f, title, note, section, children }: { f: Filters; title: StringKey; note?: StringKey; section?: string; children: ReactNode }) {
  return (
    <section className="panel" data-section={section}>
      <h2>{t(f.lang, title)}</h2>
      {note && <p className="note">{t(f.lang, note)}</p>}
      <Suspense key={toQuery(f)} fallback={<ChartSkeleton label={t(f.lang, 'loading')} />}>
        {children}
      </Suspense>
    </section>
  );
}
