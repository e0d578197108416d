/**
 * The overview's sections: async server components that each run one aggregate query and hand the chart
 * leaf only the numbers it draws. Each is rendered inside <Suspense> by the page.
 */
import Link from 'next/link';
import { getOutletTopics, getSummary, getTimeline, getVisitTopics } from '../lib/data';
import { CLEARED, foldEmptyRuns, href, periodBounds, periodStarts, type Filters } from '../lib/filters';
import { formatNumber, formatShare, outletName, pick, t } from '../lib/i18n';
import { inkOn } from '../lib/palette';
import { outletTopicsQuery, summaryQuery, timelineQuery, visitTopicsQuery, type OutletTopicRow } from '../lib/queries';
import type { BuiltQuery } from '../lib/sql';
import { topicSeries, type TopicDef } from '../lib/topics';
import type { ViewName } from '../lib/views';
import { QueryFooter } from './QueryFooter';
import { TimelineChart } from './TimelineChart';
import { TopicBarChart, type BarCategory, type BarCell, type TopicBarChartProps } from './TopicBarChart';

function Empty({ f }: { f: Filters }) {
  return (
    <p className="empty" data-testid="empty">
      {t(f.lang, 'noData')}{' '}
      <Link href={href('/', { ...f, ...CLEARED })}>{t(f.lang, 'reset')}</Link>
    </p>
  );
}

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

/** Rows of (category, topic) counts as a bar chart with its SQL and downloads; a bar links to its articles. */
function TopicBars<R extends { topic_id: string; n: number; share: number }>({ f, defs, view, query, layout, rows, category, drillTo }: {
  f: Filters;
  defs: readonly TopicDef[];
  view: ViewName;
  query: BuiltQuery;
  layout: TopicBarChartProps['layout'];
  rows: readonly R[];
  category: (r: R) => BarCategory;
  drillTo: (r: R) => Partial<Filters>;
}) {
  if (rows.length === 0) return <Empty f={f} />;
  const categories: BarCategory[] = [];
  const cells: Record<string, Record<string, BarCell>> = {};
  for (const r of rows) {
    const c = category(r);
    if (!cells[c.key]) {
      cells[c.key] = {};
      categories.push(c);
    }
    cells[c.key]![r.topic_id] = { n: r.n, share: r.share, href: drill(f, { ...drillTo(r), topics: [r.topic_id] }) };
  }
  return (
    <>
      <TopicBarChart
        id={view}
        lang={f.lang}
        measure={f.measure}
        layout={layout}
        categories={categories}
        series={topicSeries(f.lang, defs, rows.map((r) => r.topic_id))}
        cells={cells}
        valueLabel={t(f.lang, f.measure)}
      />
      <QueryFooter view={view} query={query} filters={f} />
    </>
  );
}

export async function OutletTopicsSection({ f, defs }: { f: Filters; defs: readonly TopicDef[] }) {
  return (
    <TopicBars
      f={f}
      defs={defs}
      view="outlet-topics"
      query={outletTopicsQuery(f)}
      layout="rows"
      rows={await getOutletTopics(f)}
      category={(r) => ({ key: r.outlet_id, label: outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en) })}
      drillTo={(r) => ({ outlets: [r.outlet_id] })}
    />
  );
}

export async function VisitTopicsSection({ f, defs }: { f: Filters; defs: readonly TopicDef[] }) {
  // The month in an isolate: after Arabic letters an unisolated "2020-10" is laid out as "10-2020".
  return (
    <TopicBars
      f={f}
      defs={defs}
      view="visit-topics"
      query={visitTopicsQuery(f)}
      layout="columns"
      rows={await getVisitTopics(f)}
      category={(r) => ({ key: r.visit_id, label: `${pick(f.lang, r.label_ar, r.label_en, r.visit_id)} \u2066(${r.start_date.slice(0, 7)})\u2069` })}
      drillTo={(r) => ({ visits: [r.visit_id] })}
    />
  );
}

/** Sequential blue scale for the heat map. */
function heat(v: number): string {
  const lo = [0xf2, 0xf6, 0xfb];
  const hi = [0x08, 0x30, 0x6b];
  const c = lo.map((l, i) => Math.round(l + (hi[i]! - l) * Math.min(1, Math.max(0, v))));
  return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export async function HeatMapSection({ f, defs }: { f: Filters; defs: readonly TopicDef[] }) {
  const rows = await getOutletTopics(f);
  if (rows.length === 0) return <Empty f={f} />;
  const outlets: { key: string; label: string; total: number }[] = [];
  const byCell = new Map<string, OutletTopicRow>();
  for (const r of rows) {
    if (!outlets.some((o) => o.key === r.outlet_id)) outlets.push({ key: r.outlet_id, label: outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en), total: r.total });
    byCell.set(`${r.topic_id}\u0000${r.outlet_id}`, r);
  }
  const series = topicSeries(f.lang, defs, rows.map((r) => r.topic_id));
  const value = (r: OutletTopicRow) => (f.measure === 'share' ? r.share : r.n);
  const max = Math.max(...rows.map(value));
  return (
    <>
      <div className="scroll-x">
        <table className="heatmap" data-testid="heatmap">
          <thead>
            <tr>
              <th scope="col">{t(f.lang, 'topics')}</th>
              {outlets.map((o) => (
                <th key={o.key} scope="col">
                  {o.label}
                  <div className="note">{formatNumber(f.lang, o.total)}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <span className="swatch" style={{ background: s.colour }} /> {s.label}
                </th>
                {outlets.map((o) => {
                  const r = byCell.get(`${s.id}\u0000${o.key}`);
                  if (!r) {
                    return (
                      <td key={o.key} className="zero" data-outlet={o.key} data-topic={s.id} data-n={0}>
                        <span>·</span>
                      </td>
                    );
                  }
                  const bg = heat(max > 0 ? value(r) / max : 0);
                  return (
                    <td key={o.key} style={{ background: bg }} data-outlet={o.key} data-topic={s.id} data-n={r.n}>
                      <Link
                        href={drill(f, { outlets: [o.key], topics: [s.id] })}
                        style={{ color: inkOn(bg) }}
                        title={`${s.label} · ${o.label}: ${formatNumber(f.lang, r.n)} / ${formatNumber(f.lang, r.total)}`}
                      >
                        {f.measure === 'share' ? formatShare(f.lang, r.share) : formatNumber(f.lang, r.n)}
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <QueryFooter view="outlet-topics" query={outletTopicsQuery(f)} filters={f} />
    </>
  );
}

export async function TimelineSection({ f, defs }: { f: Filters; defs: readonly TopicDef[] }) {
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
  return (
    <>
      <TimelineChart
        lang={f.lang}
        measure={f.measure}
        periods={periods}
        series={topicSeries(f.lang, defs, rows.flatMap((r) => (r.topic_id ? [r.topic_id] : [])))}
        counts={counts}
        valueLabel={t(f.lang, f.measure)}
      />
      <QueryFooter view="timeline" query={timelineQuery(f)} filters={f} />
    </>
  );
}
