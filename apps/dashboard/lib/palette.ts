/**
 * Sixteen topic colours, one per topic of the default taxonomy: each a chart mark with at least 3:1
 * contrast against the page and chart backgrounds (WCAG 1.4.11), any two at least 20 apart in CIEDE2000
 * (the previous palette had three blues within 9 of each other, told apart by nobody). Text is never drawn
 * in these colours, only marks and swatches. palette.test.ts checks both, with culori's colour maths.
 */
export const PAGE_BACKGROUND = '#f6f5f1';
export const CHART_BACKGROUND = '#ffffff';

export const PALETTE = [
  '#785ab4',
  '#4b9600',
  '#e16900',
  '#5a1e1e',
  '#0096a5',
  '#1e3c00',
  '#c37878',
  '#0000b4',
  '#694b00',
  '#3c87ff',
  '#960069',
  '#a58700',
  '#ff1ed2',
  '#005a87',
  '#00785a',
  '#c30f00',
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

/** Ink for text drawn on a fill: whichever of near-black and white contrasts more. */
export function inkOn(fill: string): string {
  return contrastRatio(fill, '#111111') >= contrastRatio(fill, '#ffffff') ? '#111111' : '#ffffff';
}

/**
 * The heat maps' sequential scale, light to dark blue, by share (0 to 1, absolute: 50% is the same
 * colour in every map). One hue with lightness falling steadily reads the same under the common colour
 * vision deficiencies; palette.test.ts checks it by simulating them (culori, Machado et al. 2009).
 */
const HEAT_LO = [0xf4, 0xf8, 0xfc] as const;
const HEAT_HI = [0x08, 0x30, 0x6b] as const;

export function heatColour(share: number): string {
  const v = Math.min(1, Math.max(0, share)) ** 0.7; // small shares, the common case, still told apart
  const c = HEAT_LO.map((lo, i) => Math.round(lo + (HEAT_HI[i]! - lo) * v));
  return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** Ink for a heat-map cell: black or white, whichever contrasts more (one of them always reaches 4.5:1). */
export function heatInk(fill: string): string {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#ffffff') ? '#000000' : '#ffffff';
}
