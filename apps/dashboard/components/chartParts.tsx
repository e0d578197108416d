/**
 * What the client charts share: the measure's number format, and a tooltip and legend that read in the
 * UI's direction with text in ink (topic colours are for marks: 3:1 is enough for a bar, not for text).
 * Axes run right to left in Arabic; each chart sets that on its own axes.
 */
import type { TooltipContentProps } from 'recharts';
import type { Measure } from '../lib/filters';
import { formatNumber, formatShare } from '../lib/i18n';
import type { Lang } from '../lib/lang';

export const TOPIC_CHART_MARGIN = { top: 28, right: 16, bottom: 8, left: 16 };

export function measureFormat(lang: Lang, measure: Measure): (v: number) => string {
  return measure === 'share' ? (v) => formatShare(lang, v) : (v) => formatNumber(lang, v);
}

/** Tooltip props: the category, then the topics it has, each with its swatch, largest first. */
export function tooltipProps(lang: Lang, fmt: (v: number) => string) {
  return {
    content: ({ active, payload, label }: TooltipContentProps) => {
      if (!active) return null;
      const items = payload.filter((p) => Number(p.value) > 0).sort((a, b) => Number(b.value) - Number(a.value));
      return (
        <div className="chart-tooltip" dir={lang === 'ar' ? 'rtl' : 'ltr'}>
          <p className="chart-tooltip-title">{label}</p>
          <ul>
            {items.map((p) => (
              <li key={String(p.dataKey)}>
                <span className="swatch" style={{ background: p.color }} /> {p.name}: <span className="num">{fmt(Number(p.value))}</span>
              </li>
            ))}
          </ul>
        </div>
      );
    },
  };
}

export function legendProps(lang: Lang) {
  const rtl = lang === 'ar';
  return {
    align: rtl ? 'right' : 'left',
    wrapperStyle: { direction: rtl ? 'rtl' : 'ltr', fontSize: 13, lineHeight: 1.9 },
    formatter: (value: unknown) => <span style={{ color: '#222222' }}>{String(value)}</span>,
  } as const;
}

/** The value axis's name, written level above the axis rather than turned on its side over the ticks. */
export function valueAxisLabel(valueLabel: string) {
  return { value: valueLabel, position: 'top', offset: 14, fontSize: 12, fill: '#555555' } as const;
}
