/**
 * Sixteen topic colours, one per topic of the default taxonomy. Chosen so that each keeps at least
 * 4.5:1 contrast against the page and chart backgrounds (WCAG 1.4.11 asks 3:1 of chart marks) and any
 * two stay far apart in CIELAB; palette.test.ts checks both.
 */
export const PAGE_BACKGROUND = '#f6f5f1';
export const CHART_BACKGROUND = '#ffffff';

export const PALETTE = [
  '#e00606', '#036d03', '#0561bd', '#c91d73', '#6d6d03', '#62380e', '#22775b', '#bb06e0',
  '#03036d', '#95041c', '#2c7396', '#962c96', '#064ee0', '#571942', '#222222', '#0606e0',
] as const;

/** Colour of a topic: by its rank among all topic ids, so it is the same under every filter. */
export function topicColour(topicId: string, allTopicIds: readonly string[]): string {
  const i = [...allTopicIds].sort().indexOf(topicId);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length]!;
}

function channels(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

const linear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2 relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** CIE 1976 colour difference in L*a*b* (D65). */
export function deltaE(a: string, b: string): number {
  const lab = (hex: string): [number, number, number] => {
    const [r, g, bl] = channels(hex).map(linear) as [number, number, number];
    const x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047;
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    const z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883;
    const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
  };
  const p = lab(a);
  const q = lab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** Ink for text drawn on a fill: whichever of near-black and white contrasts more. */
export function inkOn(fill: string): string {
  return contrastRatio(fill, '#111111') >= contrastRatio(fill, '#ffffff') ? '#111111' : '#ffffff';
}
