'use client';
/**
 * Topic share (or count) per period, one line per topic. Periods without any article are gaps, not zeros.
 * Time runs right to left in Arabic. Clicking a period lists its articles.
 */
import { useRouter } from 'next/navigation';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Lang } from '../lib/lang';

export interface TimelineChartProps {
  lang: Lang;
  measure: 'count' | 'share';
  periods: readonly { key: string; label: string; total: number; href: string }[];
  series: readonly { id: string; label: string; colour: string }[];
  /** values[period][topic]: the article count; a period with articles but no entry for a topic is 0. */
  counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  valueLabel: string;
}

export function TimelineChart({ lang, measure, periods, series, counts, valueLabel }: TimelineChartProps) {
  const router = useRouter();
  const rtl = lang === 'ar';
  const locale = rtl ? 'ar-u-nu-latn' : 'en';
  const fmt =
    measure === 'share'
      ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format
      : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format;
  const data = periods.map((p) => {
    const row: Record<string, string | number | null> = { key: p.key, label: p.label };
    for (const s of series) {
      const n = counts[p.key]?.[s.id] ?? 0;
      row[s.id] = p.total === 0 ? null : measure === 'share' ? n / p.total : n;
    }
    return row;
  });
  return (
    <div className="chart" style={{ height: 380 }} data-chart-root="timeline" dir="ltr">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
          onClick={(state) => {
            const i = typeof state?.activeIndex === 'number' ? state.activeIndex : Number(state?.activeIndex);
            const p = Number.isInteger(i) ? periods[i] : undefined;
            if (p && p.total > 0) router.push(p.href);
          }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" reversed={rtl} tick={{ fontSize: 12 }} minTickGap={12} />
          <YAxis
            orientation={rtl ? 'right' : 'left'}
            tickFormatter={(v: number) => fmt(v)}
            allowDecimals={measure === 'share'}
            width={64}
            label={{ value: valueLabel, angle: rtl ? 90 : -90, position: rtl ? 'insideRight' : 'insideLeft', style: { textAnchor: 'middle' } }}
          />
          <Tooltip
            formatter={(v) => fmt(Number(v))}
            contentStyle={{ direction: rtl ? 'rtl' : 'ltr', textAlign: rtl ? 'right' : 'left', fontFamily: 'inherit' }}
            itemSorter={(item) => -Number(item.value ?? 0)}
          />
          <Legend align={rtl ? 'right' : 'left'} wrapperStyle={{ direction: rtl ? 'rtl' : 'ltr', fontSize: 12 }} />
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
