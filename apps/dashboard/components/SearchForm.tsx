import { toQuery, type Filters } from '../lib/filters';
import { t } from '../lib/i18n';

/** Keyword search as a plain GET form: works without scripts, keeps the view's other filters. */
export function SearchForm({ f, action }: { f: Filters; action: string }) {
  const keep = [...new URLSearchParams(toQuery(f, { q: null, page: 1 }))];
  return (
    <form role="search" action={action} method="get" className="search" data-testid="search-form">
      <label htmlFor="q">{t(f.lang, 'searchLabel')}</label>
      <input id="q" type="search" name="q" defaultValue={f.q ?? ''} maxLength={200} placeholder={t(f.lang, 'searchPlaceholder')} dir="auto" />
      {keep.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit">{t(f.lang, 'search')}</button>
      <p className="note">{t(f.lang, 'searchNote')}</p>
    </form>
  );
}
