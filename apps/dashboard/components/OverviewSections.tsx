/**
 * The overview's sections: async server components that each run one aggregate query and hand the chart
 * leaf only the numbers it draws. Each is rendered inside <Suspense> by the page.
 */
import Link from 'next/link';
import { getCoverage, getOutletTopics, getSummary, getTimeline, getVisitTopics } from '../lib/data';
import { foldEmptyRuns, href, periodBounds, periodStarts, type Filters } from '../lib/filters';
import { formatNumber, formatShare, outletName, pick, t } from '../lib/i18n';
import { heatColour, heatInk } from '../lib/palette';
import { Empty } from './Empty';
import { coverageQuery, outletTopicsQuery, summaryQuery, timelineQuery, visitTopicsQuery, type OutletTopicRow, type VisitTopicRow } from '../lib/queries';
import { topicSeries, type TopicDefRow } from '../lib/topics';
import { QueryFooter } from './QueryFooter';
import { TimelineChart } from './TimelineChart';


export async function SummaryCounts({ f }: { f: Filters }) {
  const s = await getSummary(f);
  const items = ['articles', 'mentions', 'outlets', 'visits'] as const;
  return (
    <>
      <ul className="counts" data-testid="counts">
        {items.map((k) => (
          <li key={k} data-count={k} data-value={s[k]}>
            <span className="n">{formatNumber(f.lang, s[k])}</span>
            <span className="label">{t(f.lang, k)}</span>
          </li>
        ))}
        {s.undated > 0 && (
          <li data-count="undated" data-value={s.undated}>
            <span className="n">{formatNumber(f.lang, s.undated)}</span>
            <span className="label">{t(f.lang, 'undated')}</span>
          </li>
        )}
      </ul>
      <QueryFooter view="summary" query={summaryQuery(f)} filters={f} />
    </>
  );
}

const drill = (f: Filters, change: Partial<Filters>) => href('/articles', f, { ...change, page: 1 });

export interface HeatCategory {
  readonly key: string;
  readonly label: string;
  readonly note?: string;
  readonly total: number;
  readonly drill: Partial<Filters>;
}

/**
 * Topics (rows, in the taxonomy's order) × categories (columns): each cell is the share of the category's
 * articles that carry the topic, coloured by that share on one scale for every map, with the count in the
 * cell; it links to those articles. Column heads say how many articles the shares are of.
 */
export function TopicHeatMap<R extends { topic_id: string; n: number; share: number }>({ f, defs, id, caption, categories, rows, categoryOf }: {
  f: Filters;
  defs: readonly TopicDefRow[];
  id: string;
  caption: string;
  categories: readonly HeatCategory[];
  rows: readonly R[];
  categoryOf: (r: R) => string;
}) {
  const byCell = new Map<string, R>();
  for (const r of rows) byCell.set(`${r.topic_id}\u0000${categoryOf(r)}`, r);
  const series = topicSeries(f.lang, defs, rows.map((r) => r.topic_id));
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
                <div className="note">
                  {t(f.lang, 'nArticles').replace('{n}', formatNumber(f.lang, c.total))}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.label}</th>
              {categories.map((c) => {
                const r = byCell.get(`${s.id}\u0000${c.key}`);
                if (!r) {
                  return (
                    <td key={c.key} className="zero" data-key={c.key} data-topic={s.id} data-n={0}>
                      <span aria-label="0">·</span>
                    </td>
                  );
                }
                const bg = heatColour(r.share);
                return (
                  <td key={c.key} style={{ background: bg }} data-key={c.key} data-topic={s.id} data-n={r.n} data-share={r.share}>
                    <Link
                      href={drill(f, { ...c.drill, topics: [s.id] })}
                      style={{ color: heatInk(bg) }}
                      title={`${s.label} · ${c.label}: ${formatNumber(f.lang, r.n)} / ${formatNumber(f.lang, c.total)}`}
                    >
                      <span className="share" dir="ltr">{formatShare(f.lang, r.share)}</span>
                      <span className="count">{formatNumber(f.lang, r.n)}</span>
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

/** A heat map's rows: one per key, from its first row, in the order the query gave them. */
function categoriesOf<R>(rows: readonly R[], key: (r: R) => string, category: (r: R) => Omit<HeatCategory, 'key'>): HeatCategory[] {
  const byKey = new Map<string, HeatCategory>();
  for (const r of rows) if (!byKey.has(key(r))) byKey.set(key(r), { key: key(r), ...category(r) });
  return [...byKey.values()];
}

export async function OutletTopicsSection({ f, defs }: { f: Filters; defs: readonly TopicDefRow[] }) {
  const rows = await getOutletTopics(f);
  if (rows.length === 0) return <Empty f={f} />;
  const categories = categoriesOf(rows, (r) => r.outlet_id, (r) => ({
    label: outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en),
    total: r.total,
    drill: { outlets: [r.outlet_id] },
  }));
  return (
    <>
      <TopicHeatMap f={f} defs={defs} id="outlet-heatmap" caption={t(f.lang, 'byOutletCaption')} categories={categories} rows={rows} categoryOf={(r: OutletTopicRow) => r.outlet_id} />
      <QueryFooter view="outlet-topics" query={outletTopicsQuery(f)} filters={f} />
    </>
  );
}

export async function VisitTopicsSection({ f, defs }: { f: Filters; defs: readonly TopicDefRow[] }) {
  const rows = await getVisitTopics(f);
  if (rows.length === 0) return <Empty f={f} />;
  const categories = categoriesOf(rows, (r) => r.visit_id, (r) => ({
    label: pick(f.lang, r.label_ar, r.label_en, r.visit_id),
    note: `\u2066${r.start_date}\u2069`,
    total: r.total,
    drill: { visits: [r.visit_id] },
  }));
  return (
    <>
      <TopicHeatMap f={f} defs={defs} id="visit-heatmap" caption={t(f.lang, 'byVisitCaption')} categories={categories} rows={rows} categoryOf={(r: VisitTopicRow) => r.visit_id} />
      <QueryFooter view="visit-topics" query={visitTopicsQuery(f)} filters={f} />
    </>
  );
}

export async function TimelineSection({ f, defs }: { f: Filters; defs: readonly TopicDefRow[] }) {
  const rows = await getTimeline(f);
  if (rows.length === 0) return <Empty f={f} />;
  const totals = new Map<string, number>();
  const counts: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    totals.set(r.period, r.total);
    if (r.topic_id) (counts[r.period] ??= {})[r.topic_id] = r.n;
  }
  const keys = [...totals.keys()].sort();
  const monthFmt = new Intl.DateTimeFormat(f.lang === 'ar' ? 'ar-u-nu-latn' : 'en', { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const periods = foldEmptyRuns(
    periodStarts(keys[0]!, keys.at(-1)!, f.grain).map((p) => {
      const b = periodBounds(p, f.grain);
      return {
        key: p,
        label: f.grain === 'month' ? monthFmt.format(new Date(`${p}T00:00:00Z`)) : p,
        total: totals.get(p) ?? 0,
        href: drill(f, { from: f.from && f.from > b.from ? f.from : b.from, to: f.to && f.to < b.to ? f.to : b.to }),
      };
    }),
    (first, last) => ({ key: `gap:${first.key}`, label: `${first.label} … ${last.label}`, total: 0, href: '', gap: true }),
  );
  const series = topicSeries(f.lang, defs, rows.flatMap((r) => (r.topic_id ? [r.topic_id] : [])));
  return (
    <>
      <TimelineChart
        lang={f.lang}
        measure={f.measure}
        periods={periods}
        series={series}
        counts={counts}
        valueLabel={t(f.lang, f.measure)}
      />
      {/* The chart's points as a table: every number reachable by keyboard and screen reader. */}
      <details className="chart-data" data-testid="timeline-data">
        <summary>{t(f.lang, 'asTable')}</summary>
        <div className="scroll-x">
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t(f.lang, 'grain')}</th>
                <th scope="col" className="num">{t(f.lang, 'articles')}</th>
                {series.map((sr) => (
                  <th key={sr.id} scope="col" className="num">{sr.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.filter((p) => p.total > 0).map((p) => (
                <tr key={p.key} data-period={p.key}>
                  <th scope="row"><Link href={p.href}>{p.label}</Link></th>
                  <td className="num">{formatNumber(f.lang, p.total)}</td>
                  {series.map((sr) => (
                    <td key={sr.id} className="num" data-topic={sr.id}>{formatNumber(f.lang, counts[p.key]?.[sr.id] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <QueryFooter view="timeline" query={timelineQuery(f)} filters={f} />
    </>
  );
}

/** Outlets × periods: each outlet's articles per period, shaded by its own busiest period. */
export async function CoverageSection({ f }: { f: Filters }) {
  const rows = await getCoverage(f);
  if (rows.length === 0) return <Empty f={f} />;
  const periods = periodStarts(rows.reduce((a, r) => (r.period < a ? r.period : a), rows[0]!.period), rows.reduce((a, r) => (r.period > a ? r.period : a), rows[0]!.period), f.grain);
  const withData = new Set(rows.map((r) => r.period));
  // Empty stretches folded as on the timeline: a corpus gathered around visits is mostly empty months.
  const shown = foldEmptyRuns(periods.map((p) => ({ key: p, total: withData.has(p) ? 1 : 0, gap: false })), (a) => ({ key: `gap:${a.key}`, total: 0, gap: true }));
  const outlets = new Map<string, { label: string; counts: Map<string, number>; total: number }>();
  for (const r of rows) {
    const o = outlets.get(r.outlet_id) ?? { label: outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en), counts: new Map(), total: 0 };
    o.counts.set(r.period, r.n);
    o.total += r.n;
    outlets.set(r.outlet_id, o);
  }
  const monthFmt = new Intl.DateTimeFormat(f.lang === 'ar' ? 'ar-u-nu-latn' : 'en', { year: '2-digit', month: 'short', timeZone: 'UTC' });
  const label = (p: string) => (f.grain === 'month' ? monthFmt.format(new Date(`${p}T00:00:00Z`)) : p.slice(5));
  return (
    <>
      <div className="scroll-x" tabIndex={0} role="region" aria-label={t(f.lang, 'coverage')}>
        <table className="heatmap coverage" data-testid="coverage">
          <thead>
            <tr>
              <th scope="col">{t(f.lang, 'outlet')}</th>
              {shown.map((p) => (
                <th key={p.key} scope="col" data-period={p.gap ? undefined : p.key}>
                  {p.gap ? '…' : <bdi>{label(p.key)}</bdi>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...outlets.entries()]
              .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
              .map(([id, o]) => {
                const max = Math.max(...o.counts.values());
                return (
                  <tr key={id}>
                    <th scope="row">{o.label}</th>
                    {shown.map((p) => {
                      const n = p.gap ? 0 : (o.counts.get(p.key) ?? 0);
                      if (n === 0) return <td key={p.key} className="zero" data-outlet={id} data-period={p.gap ? undefined : p.key} data-n={0}>·</td>;
                      const bg = heatColour(n / max);
                      const b = periodBounds(p.key, f.grain);
                      return (
                        <td key={p.key} style={{ background: bg }} data-outlet={id} data-period={p.key} data-n={n}>
                          <Link href={drill(f, { outlets: [id], from: f.from && f.from > b.from ? f.from : b.from, to: f.to && f.to < b.to ? f.to : b.to })} style={{ color: heatInk(bg) }}>
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
      <QueryFooter view="coverage" query={coverageQuery(f)} filters={f} />
    </>
  );
}
