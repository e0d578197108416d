'use client';
/**
 * Topic bars per category (an outlet or a visit). A thin leaf: the data, labels and drill-down links come
 * from the server. Two layouts:
 *   rows     a horizontal bar per category, stacked by topic: many categories with names that need room,
 *            and segments wide enough to read and click however many topics there are;
 *   columns  a group of columns per category, one per topic: a few categories compared topic by topic.
 * Right to left in Arabic: categories and values run from the right. Each bar is a link to the articles
 * behind it and carries data-* attributes with its category, topic and article count (what the browser
 * test compares with DuckDB).
 */
import { useRouter } from 'next/navigation';
import type { KeyboardEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Text, Tooltip, XAxis, YAxis, type BarShapeProps, type XAxisTickContentProps, type YAxisTickContentProps } from 'recharts';
import type { Measure } from '../lib/filters';
import type { Lang } from '../lib/lang';
import type { TopicSeries } from '../lib/topics';
import { legendProps, measureFormat, TOPIC_CHART_MARGIN, tooltipProps, valueAxisLabel } from './chartParts';

export interface BarCell {
  readonly n: number;
  readonly share: number;
  readonly href: string;
}

export interface BarCategory {
  readonly key: string;
  readonly label: string;
}

export interface TopicBarChartProps {
  /** Names the chart in data attributes (data-chart). */
  id: string;
  lang: Lang;
  measure: Measure;
  layout: 'rows' | 'columns';
  categories: readonly BarCategory[];
  series: readonly TopicSeries[];
  /** cells[category][topic] */
  cells: Readonly<Record<string, Readonly<Record<string, BarCell>>>>;
  valueLabel: string;
}

const ROW_HEIGHT = 34;
const ROW_LABEL_WIDTH = 150;
/** Narrowest column worth drawing; a chart with more columns than fit scrolls sideways instead. */
const MIN_COLUMN = 11;

/** A visit label wrapped to the width of its slot, at most three lines. */
function ColumnTick(p: XAxisTickContentProps) {
  const slot = Number(p.width) / Math.max(1, p.visibleTicksCount);
  return (
    <Text x={Number(p.x)} y={Number(p.y)} width={Math.max(48, slot - 10)} maxLines={3} textAnchor="middle" verticalAnchor="start" fontSize={12} fill="#333">
      {String(p.payload.value)}
    </Text>
  );
}

/** An outlet name beside its bar, wrapped to two lines. */
function RowTick(p: YAxisTickContentProps) {
  return (
    <Text x={Number(p.x)} y={Number(p.y)} width={ROW_LABEL_WIDTH - 14} maxLines={2} textAnchor={p.textAnchor} verticalAnchor="middle" fontSize={13} fill="#333">
      {String(p.payload.value)}
    </Text>
  );
}

export function TopicBarChart({ id, lang, measure, layout, categories, series, cells, valueLabel }: TopicBarChartProps) {
  const router = useRouter();
  const rtl = lang === 'ar';
  const fmt = measureFormat(lang, measure);
  const labels = new Map(categories.map((c) => [c.key, c.label]));
  const data = categories.map((c) => {
    const row: Record<string, string | number> = { key: c.key, label: c.label };
    for (const s of series) {
      const cell = cells[c.key]?.[s.id];
      if (cell) row[s.id] = measure === 'share' ? cell.share : cell.n;
    }
    return row;
  });

  // Right to left, a group's columns too run from the right: the first topic is drawn last.
  const drawOrder = layout === 'columns' && rtl ? [...series].reverse() : series;
  const bars = drawOrder.map((s) => (
    <Bar
      key={s.id}
      dataKey={s.id}
      name={s.label}
      fill={s.colour}
      stackId={layout === 'rows' ? 'topics' : undefined}
      isAnimationActive={false}
      shape={(p: BarShapeProps) => {
        const key = String((p.payload as { key?: string } | undefined)?.key ?? '');
        const cell = cells[key]?.[s.id];
        // A reversed axis (right to left) can hand over a negative width or height.
        const [x, width] = p.width < 0 ? [p.x + p.width, -p.width] : [p.x, p.width];
        const [y, height] = p.height < 0 ? [p.y + p.height, -p.height] : [p.y, p.height];
        if (!cell || !(width > 0) || !(height > 0)) return <g />;
        const open = () => router.push(cell.href);
        return (
          <rect
            x={x}
            y={y}
            width={width}
            height={height}
            fill={s.colour}
            stroke="#ffffff"
            strokeWidth={layout === 'rows' ? 1 : 0}
            role="link"
            tabIndex={0}
            aria-label={`${labels.get(key) ?? key} · ${s.label}: ${fmt(measure === 'share' ? cell.share : cell.n)}`}
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
  ));
  const common = [
    <Tooltip key="tooltip" {...tooltipProps(lang, fmt)} cursor={{ fill: '#00000010' }} />,
    <Legend key="legend" {...legendProps(lang)} />,
  ];

  if (layout === 'rows') {
    return (
      <div className="chart" style={{ height: categories.length * ROW_HEIGHT + 140 }} data-chart-root={id} dir="ltr">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart layout="vertical" data={data} margin={{ ...TOPIC_CHART_MARGIN, top: 8 }} barCategoryGap="20%" maxBarSize={ROW_HEIGHT - 8}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              reversed={rtl}
              allowDecimals={measure === 'share'}
              tickFormatter={fmt}
              height={48}
              label={{ value: valueLabel, position: 'insideBottom', offset: 0, fontSize: 12, fill: '#555555' }}
            />
            <YAxis type="category" dataKey="label" orientation={rtl ? 'right' : 'left'} width={ROW_LABEL_WIDTH} interval={0} tick={RowTick} />
            {common}
            {bars}
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  return (
    <div className="scroll-x" dir={rtl ? 'rtl' : 'ltr'}>
      <div
        className="chart"
        style={{ height: 400, minWidth: categories.length * (series.length * MIN_COLUMN) * 1.3 + 100 }}
        data-chart-root={id}
        dir="ltr"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={TOPIC_CHART_MARGIN} barCategoryGap="14%" barGap={1} maxBarSize={40}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" reversed={rtl} interval={0} height={64} tick={ColumnTick} />
            <YAxis
              orientation={rtl ? 'right' : 'left'}
              allowDecimals={measure === 'share'}
              tickFormatter={fmt}
              width={56}
              label={valueAxisLabel(valueLabel)}
            />
            {common}
            {bars}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
