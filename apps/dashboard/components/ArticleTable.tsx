import Link from 'next/link';
import { href, type Filters } from '../lib/filters';
import { outletName, t } from '../lib/i18n';
import type { ArticleListRow } from '../lib/queries';

export function ArticleTable({
  rows,
  f,
  topicLabels,
  topicColours,
}: {
  rows: readonly ArticleListRow[];
  f: Filters;
  topicLabels: Readonly<Record<string, string>>;
  topicColours: Readonly<Record<string, string>>;
}) {
  const articleHref = (id: string) => href(`/articles/${id}`, f, { page: 1 });
  return (
    <table className="list" data-testid="article-list">
      <thead>
        <tr>
          <th>{t(f.lang, 'date')}</th>
          <th>{t(f.lang, 'title')}</th>
          <th>{t(f.lang, 'outlet')}</th>
          <th>{t(f.lang, 'topics')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.article_id} data-article={r.article_id}>
            <td className="num">{r.published_date ?? '—'}</td>
            <td>
              <Link href={articleHref(r.article_id)} dir="auto">
                {r.title || r.article_id}
              </Link>
            </td>
            <td>{outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en)}</td>
            <td>
              <span className="chips">
                {(r.topics ?? []).map((tp) => (
                  <span key={tp} className="chip">
                    <span className="swatch" style={{ background: topicColours[tp] }} /> {topicLabels[tp] ?? tp}
                  </span>
                ))}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
