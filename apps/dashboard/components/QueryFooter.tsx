import { viewsReadCommand } from '../lib/data';
import { href, type Filters } from '../lib/filters';
import { t } from '../lib/i18n';
import type { BuiltQuery } from '../lib/sql';
import { EXPORT_FORMATS } from '../lib/export';
import type { ViewName } from '../lib/views';

/** Under each view: the SQL that produced it (values inlined for reading) and its downloads. */
export function QueryFooter({ view, query, filters, entityId }: { view: ViewName; query: BuiltQuery; filters: Filters; entityId?: string }) {
  const lang = filters.lang;
  const base = href(`/api/export/${view}`, filters, { page: 1, lang: 'ar' });
  const sep = base.includes('?') ? '&' : '?';
  const idPart = entityId ? `id=${encodeURIComponent(entityId)}&` : '';
  return (
    <>
      <details className="sql" data-view={view}>
        <summary>{t(lang, 'sql')}</summary>
        <p className="note">{t(lang, 'sqlHint')}</p>
        <pre dir="ltr">{`${viewsReadCommand()}\n\n${query.display};`}</pre>
      </details>
      <div className="exports">
        <span>{t(lang, 'export')}:</span>
        {EXPORT_FORMATS.map((format) => (
          <a key={format} href={`${base}${sep}${idPart}format=${format}`} download data-format={format} data-view={view}>
            {format === 'arrow' ? 'Arrow IPC' : format.toUpperCase()}
          </a>
        ))}
      </div>
    </>
  );
}
