/**
 * The overview's sections: async server components that each run one aggregate query and hand the chart
 * leaf only the numbers it draws. Each is rendered inside <Suspense> by the page.
 */
import { getCoverage, getOutletTopics, getSummary, getTimeline, getVisitTopics } from '../lib/data';
import { foldEmptyRuns, href, periodBounds, periodStarts, type Filters } from '../lib/filters';
import { formatNumber, outletName, pick, t } from '../lib/i18n';
import { Empty } from './Empty';
import { coverageQuery, outletTopicsQuery, summaryQuery, timelineQuery, visitTopicsQuery, type OutletTopicRow, type VisitTopicRow } from '../lib/queries';
import { topicSeries, type TopicDefRow } from '../lib/topics';
import { QueryFooter } from './QueryFooter';
import { TimelineChart, TimelineTable } from './TimelineChart';
import { CoverageTable, TopicHeatTable, type HeatCategory } from './HeatTables';

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

/**
 * A topic map's props: its rows (topics, in the taxonomy's order) and only the numbers each cell draws,
 * keyed by topic then category.
 */
function heatProps<R extends { topic_id: string; n: number; share: number }>(
  f: Filters,
  defs: readonly TopicDefRow[],
  rows: readonly R[],
  categoryOf: (r: R) => string,
) {
  const cells: Record<string, Record<string, [number, number]>> = {};
  for (const r of rows) (cells[r.topic_id] ??= {})[categoryOf(r)] = [r.n, r.share];
  const series = topicSeries(
    f.lang,
    defs,
    rows.map((r) => r.topic_id),
  ).map((s) => ({ id: s.id, label: s.label }));
  return { series, cells };
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
  const categories = categoriesOf(
    rows,
    (r) => r.outlet_id,
    (r) => ({
      label: outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en),
      total: r.total,
      drill: { outlets: [r.outlet_id] },
    }),
  );
  return (
    <>
      <TopicHeatTable
        f={f}
        id="outlet-heatmap"
        caption={t(f.lang, 'byOutletCaption')}
        categories={categories}
        {...heatProps(f, defs, rows, (r: OutletTopicRow) => r.outlet_id)}
      />
      <QueryFooter view="outlet-topics" query={outletTopicsQuery(f)} filters={f} />
    </>
  );
}

export async function VisitTopicsSection({ f, defs }: { f: Filters; defs: readonly TopicDefRow[] }) {
  const rows = await getVisitTopics(f);
  if (rows.length === 0) return <Empty f={f} />;
  const categories = categoriesOf(
    rows,
    (r) => r.visit_id,
    (r) => ({
      label: pick(f.lang, r.label_ar, r.label_en, r.visit_id),
      note: `\u2066${r.start_date}\u2069`,
      total: r.total,
      drill: { visits: [r.visit_id] },
    }),
  );
  return (
    <>
      <TopicHeatTable
        f={f}
        id="visit-heatmap"
        caption={t(f.lang, 'byVisitCaption')}
        categories={categories}
        {...heatProps(f, defs, rows, (r: VisitTopicRow) => r.visit_id)}
      />
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
  const series = topicSeries(
    f.lang,
    defs,
    rows.flatMap((r) => (r.topic_id ? [r.topic_id] : [])),
  );
  return (
    <>
      <TimelineChart lang={f.lang} measure={f.measure} periods={periods} series={series} counts={counts} valueLabel={t(f.lang, f.measure)} />
      {/* The chart's points as a table: every number reachable by keyboard and screen reader. */}
      <TimelineTable lang={f.lang} periods={periods} series={series} counts={counts} />
      <QueryFooter view="timeline" query={timelineQuery(f)} filters={f} />
    </>
  );
}

/** Outlets × periods: each outlet's articles per period, shaded by its own busiest period. */
export async function CoverageSection({ f }: { f: Filters }) {
  const rows = await getCoverage(f);
  if (rows.length === 0) return <Empty f={f} />;
  const periods = periodStarts(
    rows.reduce((a, r) => (r.period < a ? r.period : a), rows[0]!.period),
    rows.reduce((a, r) => (r.period > a ? r.period : a), rows[0]!.period),
    f.grain,
  );
  const withData = new Set(rows.map((r) => r.period));
  // Empty stretches folded as on the timeline: a corpus gathered around visits is mostly empty months.
  const shown = foldEmptyRuns(
    periods.map((p) => ({ key: p, total: withData.has(p) ? 1 : 0, gap: false })),
    (a) => ({ key: `gap:${a.key}`, total: 0, gap: true }),
  );
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
      <CoverageTable
        f={f}
        periods={shown.map((p) => (p.gap ? { key: p.key, gap: true } : { key: p.key, label: label(p.key) }))}
        outlets={[...outlets.entries()]
          .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
          .map(([id, o]) => [id, o.label, Object.fromEntries(o.counts)] as const)}
      />
      <QueryFooter view="coverage" query={coverageQuery(f)} filters={f} />
    </>
  );
}
