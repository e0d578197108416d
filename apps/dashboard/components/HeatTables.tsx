'use client';
/**
 * The overview's large tables, drawn from compact props. A server component's output is sent twice, as
 * HTML and again as the RSC payload that hydrates it, element by element: on the ANT corpus the visit map
 * and the matrix came to ~290 KB of payload each. As client components they are still rendered to HTML on
 * the server, but the payload carries only their numbers and labels; links, colours and titles are derived
 * here, from the same pure helpers the server used.
 */
import Link from 'next/link';
import { href, periodBounds, type Filters } from '../lib/filters';
import { formatNumber, formatShare, t } from '../lib/i18n';
import { heatColour, heatInk } from '../lib/palette';

const drill = (f: Filters, change: Partial<Filters>) => href('/articles', f, { ...change, page: 1 });

export interface HeatCategory {
  readonly key: string;
  readonly label: string;
  readonly note?: string;
  readonly total: number;
  readonly drill: Partial<Filters>;
}

/** cells[topic][category] = [articles, share of the category's articles]; a missing cell is 0. */
export type HeatCells = Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>>;

/**
 * Topics (rows, in the taxonomy's order) × categories (columns): each cell is the share of the category's
 * articles that carry the topic, coloured by that share on one scale for every map, with the count in the
 * cell; it links to those articles. Column heads say how many articles the shares are of.
 */
export function TopicHeatTable({
  f,
  id,
  caption,
  categories,
  series,
  cells,
}: {
  f: Filters;
  id: string;
  caption: string;
  categories: readonly HeatCategory[];
  series: readonly { readonly id: string; readonly label: string }[];
  cells: HeatCells;
}) {
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={caption}>
      <table className="heatmap" data-testid={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(f.lang, 'topics')}</th>
            {categories.map((c) => (
              <th key={c.key} scope="col" data-key={c.key} data-total={c.total}>
                {c.label}
                {c.note && <div className="note">{c.note}</div>}
                <div className="note">{t(f.lang, 'nArticles').replace('{n}', formatNumber(f.lang, c.total))}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.label}</th>
              {categories.map((c) => {
                const cell = cells[s.id]?.[c.key];
                // A zero is most of a sparse map's cells (about 1,000 of 1,300 on the ANT corpus): it
                // carries nothing its row and column do not say.
                if (!cell)
                  return (
                    <td key={c.key} className="zero" aria-label="0">
                      ·
                    </td>
                  );
                const [n, share] = cell;
                const bg = heatColour(share);
                return (
                  <td key={c.key} style={{ background: bg }} data-key={c.key} data-topic={s.id} data-n={n} data-share={share}>
                    <Link
                      href={drill(f, { ...c.drill, topics: [s.id] })}
                      style={{ color: heatInk(bg) }}
                      title={`${s.label} · ${c.label}: ${formatNumber(f.lang, n)} / ${formatNumber(f.lang, c.total)}`}
                    >
                      <span className="share" dir="ltr">
                        {formatShare(f.lang, share)}
                      </span>
                      <span className="count">{formatNumber(f.lang, n)}</span>
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface MatrixColumn {
  readonly visit: string;
  readonly label: string;
  readonly date: string;
  readonly tour: string;
}

/** cells[outlet][visit] = [articles, leading topics as [topic, articles, share]]; a missing cell is 0. */
export type MatrixCells = Readonly<Record<string, Readonly<Record<string, readonly [number, readonly (readonly [string, number, number])[]]>>>>;

/** Outlets × visits: tours as column groups, their stops beneath; each cell its articles and leading topics. */
export function VisitMatrixTable({
  f,
  columns,
  tours,
  outlets,
  cells,
  topicLabels,
}: {
  f: Filters;
  columns: readonly MatrixColumn[];
  tours: readonly { readonly tour: string; readonly span: number; readonly label: string }[];
  /** [outlet id, label], in display order. */
  outlets: readonly (readonly [string, string])[];
  cells: MatrixCells;
  topicLabels: Readonly<Record<string, string>>;
}) {
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={t(f.lang, 'matrix')}>
      <table className="matrix" data-testid="matrix">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t(f.lang, 'outlet')}
            </th>
            {tours.map((g) => (
              <th key={g.tour} scope="colgroup" colSpan={g.span} className="tour" data-tour={g.tour}>
                {g.label}
              </th>
            ))}
          </tr>
          <tr>
            {columns.map((c) => (
              <th key={c.visit} scope="col" data-visit={c.visit}>
                <Link href={href('/visits/' + c.visit, f, { visits: [], page: 1 })}>{c.label}</Link>
                <div className="note" dir="ltr">
                  {c.date}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {outlets.map(([id, label]) => (
            <tr key={id}>
              <th scope="row">{label}</th>
              {columns.map((c) => {
                const cell = cells[id]?.[c.visit];
                if (!cell)
                  return (
                    <td key={c.visit} className="zero" aria-label="0">
                      ·
                    </td>
                  );
                const [total, topics] = cell;
                return (
                  <td key={c.visit} data-outlet={id} data-visit={c.visit} data-n={total}>
                    <Link className="n" href={drill(f, { outlets: [id], visits: [c.visit] })}>
                      {formatNumber(f.lang, total)} {t(f.lang, 'articlesShort')}
                    </Link>
                    <ol className="leading">
                      {topics.map(([tp, n, share]) => (
                        <li key={tp} data-topic={tp} data-n={n}>
                          <Link href={drill(f, { outlets: [id], visits: [c.visit], topics: [tp] })}>
                            {topicLabels[tp] ?? tp} <bdi dir="ltr">{formatShare(f.lang, share)}</bdi>
                          </Link>
                        </li>
                      ))}
                    </ol>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Outlets × periods: each outlet's articles per period, shaded by its own busiest period. */
export function CoverageTable({
  f,
  periods,
  outlets,
}: {
  f: Filters;
  /** In time order; a `gap` stands for a folded stretch without articles. */
  periods: readonly ({ readonly key: string; readonly label: string; readonly gap?: undefined } | { readonly key: string; readonly gap: true })[];
  /** [outlet id, label, articles per period start], busiest outlet first. */
  outlets: readonly (readonly [string, string, Readonly<Record<string, number>>])[];
}) {
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={t(f.lang, 'coverage')}>
      <table className="heatmap coverage" data-testid="coverage">
        <thead>
          <tr>
            <th scope="col">{t(f.lang, 'outlet')}</th>
            {periods.map((p) => (
              <th key={p.key} scope="col" data-period={p.gap ? undefined : p.key}>
                {p.gap ? '…' : <bdi>{p.label}</bdi>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {outlets.map(([id, label, counts]) => {
            const max = Math.max(...Object.values(counts));
            return (
              <tr key={id}>
                <th scope="row">{label}</th>
                {periods.map((p) => {
                  const n = p.gap ? 0 : (counts[p.key] ?? 0);
                  if (n === 0)
                    return (
                      <td key={p.key} className="zero" aria-label="0">
                        ·
                      </td>
                    );
                  const bg = heatColour(n / max);
                  const b = periodBounds(p.key, f.grain);
                  return (
                    <td key={p.key} style={{ background: bg }} data-outlet={id} data-period={p.key} data-n={n}>
                      <Link
                        href={drill(f, { outlets: [id], from: f.from && f.from > b.from ? f.from : b.from, to: f.to && f.to < b.to ? f.to : b.to })}
                        style={{ color: heatInk(bg) }}
                      >
                        {formatNumber(f.lang, n)}
                      </Link>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
