'use client';
/**
 * Grouped bars: one group per category (an outlet or a visit), one bar per topic. A thin leaf: the data,
 * labels and drill-down links come from the server. Right-to-left: categories run from the right and the
 * value axis sits on the right. Each bar is a link to the articles behind it and carries data-* attributes
 * with its category, topic and article count (what the browser test compares with DuckDB).
 */
import { useRouter } from 'next/navigation';
import type { KeyboardEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Text, Tooltip, XAxis, YAxis, type BarShapeProps, type XAxisTickContentProps } from 'recharts';
import type { Lang } from '../lib/lang';

export interface BarCell {
  readonly n: number;
  readonly share: number;
  readonly href: string;
}

export interface TopicBarChartProps {
  /** Names the chart in data attributes (data-chart). */
  id: string;
  lang: Lang;
  measure: 'count' | 'share';
  categories: readonly { key: string; label: string; total: number }[];
  series: readonly { id: string; label: string; colour: string }[];
  /** cells[category][topic] */
  cells: Readonly<Record<string, Readonly<Record<string, BarCell>>>>;
  valueLabel: string;
  height?: number;
}

/** A category label wrapped to the width of its slot (long Arabic visit labels), at most three lines. */
function WrappedTick(p: XAxisTickContentProps) {
  const slot = Number(p.width) / Math.max(1, p.visibleTicksCount);
  return (
    <Text x={Number(p.x)} y={Number(p.y)} width={Math.max(48, slot - 10)} maxLines={3} textAnchor="middle" verticalAnchor="start" fontSize={12} fill="#333">
      {String(p.payload.value)}
    </Text>
  );
}

export function TopicBarChart({ id, lang, measure, categories, series, cells, valueLabel, height = 380 }: TopicBarChartProps) {
  const router = useRouter();
  const rtl = lang === 'ar';
  const locale = rtl ? 'ar-u-nu-latn' : 'en';
  const fmtCount = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const fmtShare = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const fmt = (v: number) => (measure === 'share' ? fmtShare.format(v) : fmtCount.format(v));
  const data = categories.map((c) => {
    const row: Record<string, string | number> = { key: c.key, label: c.label };
    for (const s of series) {
      const cell = cells[c.key]?.[s.id];
      if (cell) row[s.id] = measure === 'share' ? cell.share : cell.n;
    }
    return row;
  });
  const go = (url: string) => router.push(url);

  return (
    <div className="chart" style={{ height }} data-chart-root={id} dir="ltr">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }} barCategoryGap="18%">
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" reversed={rtl} interval={0} height={64} tick={WrappedTick} />
          <YAxis
            orientation={rtl ? 'right' : 'left'}
            allowDecimals={measure === 'share'}
            tickFormatter={(v: number) => fmt(v)}
            label={{ value: valueLabel, angle: rtl ? 90 : -90, position: rtl ? 'insideRight' : 'insideLeft', style: { textAnchor: 'middle' } }}
            width={64}
          />
          <Tooltip
            formatter={(v) => fmt(Number(v))}
            contentStyle={{ direction: rtl ? 'rtl' : 'ltr', textAlign: rtl ? 'right' : 'left', fontFamily: 'inherit' }}
            itemSorter={(item) => -Number(item.value ?? 0)}
          />
          <Legend align={rtl ? 'right' : 'left'} wrapperStyle={{ direction: rtl ? 'rtl' : 'ltr', fontSize: 12 }} />
          {series.map((s) => (
            <Bar
              key={s.id}
              dataKey={s.id}
              name={s.label}
              fill={s.colour}
              isAnimationActive={false}
              shape={(p: BarShapeProps) => {
                const key = String((p.payload as { key?: string } | undefined)?.key ?? '');
                const cell = cells[key]?.[s.id];
                if (!cell || !(p.height > 0) || !(p.width > 0)) return <g />;
                const open = () => go(cell.href);
                return (
                  <rect
                    x={p.x}
                    y={p.y}
                    width={p.width}
                    height={p.height}
                    fill={s.colour}
                    role="link"
                    tabIndex={0}
                    aria-label={`${categories.find((c) => c.key === key)?.label ?? key} · ${s.label}: ${fmt(measure === 'share' ? cell.share : cell.n)}`}
                    data-chart={id}
                    data-category={key}
                    data-topic={s.id}
                    data-n={cell.n}
                    data-share={cell.share}
                    data-href={cell.href}
                    onClick={open}
                    onKeyDown={(e: KeyboardEvent) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        open();
                      }
                    }}
                  />
                );
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
