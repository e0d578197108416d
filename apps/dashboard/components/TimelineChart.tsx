'use client';
/**
 * Topic share (or count) per period, one line per topic. Periods without any article are breaks in the
 * lines, not zeros.
 * Time runs right to left in Arabic. Clicking a period lists its articles.
 */
import { useRouter } from 'next/navigation';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import Link from 'next/link';
import type { Measure } from '../lib/filters';
import { formatNumber, t } from '../lib/i18n';
import type { Lang } from '../lib/lang';
import type { TopicSeries } from '../lib/topics';
import { legendProps, measureFormat, TOPIC_CHART_MARGIN, tooltipProps, valueAxisLabel } from './chartParts';

export interface TimelineChartProps {
  lang: Lang;
  measure: Measure;
  /** In time order; a period with `gap` stands for a stretch without articles. */
  periods: readonly { key: string; label: string; total: number; href: string; gap?: boolean }[];
  series: readonly TopicSeries[];
  /** counts[period][topic]: the article count; a period with articles but no entry for a topic is 0. */
  counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  valueLabel: string;
}

export function TimelineChart({ lang, measure, periods, series, counts, valueLabel }: TimelineChartProps) {
  const router = useRouter();
  const rtl = lang === 'ar';
  const fmt = measureFormat(lang, measure);
  const data = periods.map((p) => {
    const row: Record<string, string | number | null> = { key: p.key, label: p.label };
    for (const s of series) {
      const n = counts[p.key]?.[s.id] ?? 0;
      row[s.id] = p.total === 0 ? null : measure === 'share' ? n / p.total : n;
    }
    return row;
  });
  return (
    <div className="chart" style={{ height: 420 }} data-chart-root="timeline" dir="ltr">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={TOPIC_CHART_MARGIN}
          onClick={(state) => {
            const i = typeof state?.activeIndex === 'number' ? state.activeIndex : Number(state?.activeIndex);
            const p = Number.isInteger(i) ? periods[i] : undefined;
            if (p && p.total > 0) router.push(p.href);
          }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" reversed={rtl} tick={{ fontSize: 12 }} minTickGap={12} tickFormatter={(v: string, i: number) => (periods[i]?.gap ? '…' : v)} />
          <YAxis orientation={rtl ? 'right' : 'left'} tickFormatter={fmt} allowDecimals={measure === 'share'} width={56} label={valueAxisLabel(valueLabel)} />
          <Tooltip {...tooltipProps(lang, fmt)} />
          <Legend {...legendProps(lang)} />
          {series.map((s) => (
            <Line
              key={s.id}
              type="linear"
              dataKey={s.id}
              name={s.label}
              stroke={s.colour}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * The chart's points as a table. A client component given the chart's own props, so the RSC payload
 * refers to the data already sent for the chart instead of carrying every cell again (87 KB on ANT).
 */
export function TimelineTable({ lang, periods, series, counts }: Pick<TimelineChartProps, 'lang' | 'periods' | 'series' | 'counts'>) {
  return (
    <details className="chart-data" data-testid="timeline-data">
      <summary>{t(lang, 'asTable')}</summary>
      <div className="scroll-x">
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'grain')}</th>
              <th scope="col" className="num">
                {t(lang, 'articles')}
              </th>
              {series.map((sr) => (
                <th key={sr.id} scope="col" className="num">
                  {sr.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods
              .filter((p) => p.total > 0)
              .map((p) => (
                <tr key={p.key} data-period={p.key}>
                  <th scope="row">
                    <Link href={p.href}>{p.label}</Link>
                  </th>
                  <td className="num">{formatNumber(lang, p.total)}</td>
                  {series.map((sr) => (
                    <td key={sr.id} className="num">
                      {formatNumber(lang, counts[p.key]?.[sr.id] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
