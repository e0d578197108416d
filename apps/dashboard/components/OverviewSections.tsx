/**
 * The overview's sections: async server components that each run one aggregate query and hand the chart
 * leaf only the numbers it draws. Each is rendered inside <Suspense> by the page.
 */
import Link from 'next/link';
import { getOutletTopics, getSummary, getTimeline, getVisitTopics } from '../lib/data';
import { href, NO_OUTLET, periodBounds, periodStarts, type Filters } from '../lib/filters';
import { formatNumber, formatShare, pick, t } from '../lib/i18n';
import { inkOn, topicColour } from '../lib/palette';
import { outletTopicsQuery, summaryQuery, timelineQuery, visitTopicsQuery, type OutletTopicRow } from '../lib/queries';
import { QueryFooter } from './QueryFooter';
import { TimelineChart } from './TimelineChart';
import { TopicBarChart, type BarCell } from './TopicBarChart';

export interface TopicDef {
  topic_id: string;
  label_ar: string;
  label_en: string;
}

function seriesOf(lang: Filters['lang'], defs: readonly TopicDef[], present: Iterable<string>) {
  const all = defs.map((d) => d.topic_id);
  const have = new Set(present);
  const known = defs.filter((d) => have.has(d.topic_id));
  const unknown = [...have].filter((id) => !all.includes(id)).sort();
  return [
    ...known.map((d) => ({ id: d.topic_id, label: pick(lang, d.label_ar, d.label_en, d.topic_id), colour: topicColour(d.topic_id, all) })),
    ...unknown.map((id) => ({ id, label: id, colour: topicColour(id, [...all, ...unknown]) })),
  ];
}

function Empty({ f }: { f: Filters }) {
  return (
    <p className="empty" data-testid="empty">
      {t(f.lang, 'noData')}{' '}
      <Link href={href('/', { ...f, from: null, to: null, outlets: [], visits: [], topics: [], entity: null })}>{t(f.lang, 'reset')}</Link>
    </p>
  );
}

export async function SummaryCounts({ f }: { f: Filters }) {
  const s = await getSummary(f);
  const items: [keyof typeof s, 'articles' | 'mentions' | 'outlets' | 'visits'][] = [
    ['articles', 'articles'],
    ['mentions', 'mentions'],
    ['outlets', 'outlets'],
    ['visits', 'visits'],
  ];
  return (
    <>
      <ul className="counts" data-testid="counts">
        {items.map(([k, label]) => (
          <li key={k} data-count={k} data-value={s[k]}>
            <span className="n">{formatNumber(f.lang, s[k])}</span>
            <span className="label">{t(f.lang, label)}</span>
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

function outletLabel(f: Filters, r: Pick<OutletTopicRow, 'outlet_id' | 'outlet_ar' | 'outlet_en'>): string {
  return r.outlet_id === NO_OUTLET ? t(f.lang, 'unknownOutlet') : pick(f.lang, r.outlet_ar, r.outlet_en, r.outlet_id);
}

const drill = (f: Filters, change: Partial<Filters>) => href('/articles', f, { ...change, page: 1 });

export async function OutletTopicsSection({ f, defs }: { f: Filters; defs: readonly TopicDef[] }) {
  const rows = await getOutletTopics(f);
  if (rows.length === 0) return <Empty f={f} />;
  const categories: { key: string; label: string; total: number }[] = [];
  const cells: Record<string, Record<string, BarCell>> = {};
  for (const r of rows) {
    if (!cells[r.outlet_id]) {
      cells[r.outlet_id] = {};
      categories.push({ key: r.outlet_id, label: outletLabel(f, r), total: r.total });
    }
    cells[r.outlet_id]![r.topic_id] = { n: r.n, share: r.share, href: drill(f, { outlets: [r.outlet_id], topics: [r.topic_id] }) };
  }
  return (
    <>
      <TopicBarChart
        id="outlet-topics"
        lang={f.lang}
        measure={f.measure}
        categories={categories}
        series={seriesOf(f.lang, defs, rows.map((r) => r.topic_id))}
        cells={cells}
        valueLabel={t(f.lang, f.measure)}
      />
      <QueryFooter view="outlet-topics" query={outletTopicsQuery(f)} filters={f} />
    </>
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
    if (!outlets.some((o) => o.key === r.outlet_id)) outlets.push({ key: r.outlet_id, label: outletLabel(f, r), total: r.total });
    byCell.set(`${r.topic_id}\u0000${r.outlet_id}`, r);
  }
  const series = seriesOf(f.lang, defs, rows.map((r) => r.topic_id));
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

export async function VisitTopicsSection({ f, defs }: { f: Filters; defs: readonly TopicDef[] }) {
  const rows = await getVisitTopics(f);
  if (rows.length === 0) return <Empty f={f} />;
  const categories: { key: string; label: string; total: number }[] = [];
  const cells: Record<string, Record<string, BarCell>> = {};
  for (const r of rows) {
    if (!cells[r.visit_id]) {
      cells[r.visit_id] = {};
      categories.push({ key: r.visit_id, label: `${pick(f.lang, r.label_ar, r.label_en, r.visit_id)} (${r.start_date.slice(0, 7)})`, total: r.total });
    }
    cells[r.visit_id]![r.topic_id] = { n: r.n, share: r.share, href: drill(f, { visits: [r.visit_id], topics: [r.topic_id] }) };
  }
  return (
    <>
      <TopicBarChart
        id="visit-topics"
        lang={f.lang}
        measure={f.measure}
        categories={categories}
        series={seriesOf(f.lang, defs, rows.map((r) => r.topic_id))}
        cells={cells}
        valueLabel={t(f.lang, f.measure)}
      />
      <QueryFooter view="visit-topics" query={visitTopicsQuery(f)} filters={f} />
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
  const periods = periodStarts(keys[0]!, keys.at(-1)!, f.grain).map((p) => {
    const b = periodBounds(p, f.grain);
    return {
      key: p,
      label: f.grain === 'month' ? monthFmt.format(new Date(`${p}T00:00:00Z`)) : p,
      total: totals.get(p) ?? 0,
      href: drill(f, { from: f.from && f.from > b.from ? f.from : b.from, to: f.to && f.to < b.to ? f.to : b.to }),
    };
  });
  return (
    <>
      <TimelineChart
        lang={f.lang}
        measure={f.measure}
        periods={periods}
        series={seriesOf(f.lang, defs, rows.flatMap((r) => (r.topic_id ? [r.topic_id] : [])))}
        counts={counts}
        valueLabel={t(f.lang, f.measure)}
      />
      <QueryFooter view="timeline" query={timelineQuery(f)} filters={f} />
    </>
  );
}
