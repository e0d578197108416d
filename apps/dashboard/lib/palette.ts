/**
 * Sixteen topic colours, one per topic of the default taxonomy: each a chart mark with at least 3:1
 * contrast against the page and chart backgrounds (WCAG 1.4.11), any two at least 20 apart in CIEDE2000
 * (the previous palette had three blues within 9 of each other, told apart by nobody). Text is never drawn
 * in these colours, only marks and swatches. palette.test.ts checks both.
 */
export const PAGE_BACKGROUND = '#f6f5f1';
export const CHART_BACKGROUND = '#ffffff';

export const PALETTE = [
  '#785ab4', '#4b9600', '#e16900', '#5a1e1e', '#0096a5', '#1e3c00', '#c37878', '#0000b4',
  '#694b00', '#3c87ff', '#960069', '#a58700', '#ff1ed2', '#005a87', '#00785a', '#c30f00',
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

export type Lab = readonly [number, number, number];

/** CIE L*a*b* (D65) of an sRGB colour. */
export function lab(hex: string): Lab {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/**
 * CIEDE2000 colour difference (Sharma, Wu & Dalal 2005). CIE 1976's plain distance overstates how far
 * apart saturated blues look, which is how three near-identical blues once passed a check here.
 */
export function ciede2000([L1, a1, b1]: Lab, [L2, a2, b2]: Lab): number {
  const deg = Math.PI / 180;
  const c7 = (c: number) => c ** 7 / (c ** 7 + 25 ** 7);
  const g = 0.5 * (1 - Math.sqrt(c7((Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2)));
  const [ap1, ap2] = [(1 + g) * a1, (1 + g) * a2];
  const [c1, c2] = [Math.hypot(ap1, b1), Math.hypot(ap2, b2)];
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / deg + 360) % 360);
  const [h1, h2] = [hue(b1, ap1), hue(b2, ap2)];
  let dh = c1 * c2 === 0 ? 0 : h2 - h1;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dL = L2 - L1;
  const dC = c2 - c1;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh * deg) / 2);
  const L = (L1 + L2) / 2;
  const C = (c1 + c2) / 2;
  const H = c1 * c2 === 0 ? h1 + h2 : Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2;
  const t = 1 - 0.17 * Math.cos((H - 30) * deg) + 0.24 * Math.cos(2 * H * deg) + 0.32 * Math.cos((3 * H + 6) * deg) - 0.2 * Math.cos((4 * H - 63) * deg);
  const sL = 1 + (0.015 * (L - 50) ** 2) / Math.sqrt(20 + (L - 50) ** 2);
  const sC = 1 + 0.045 * C;
  const sH = 1 + 0.015 * C * t;
  const rT = -2 * Math.sqrt(c7(C)) * Math.sin(60 * Math.exp(-(((H - 275) / 25) ** 2)) * deg);
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

/** Ink for text drawn on a fill: whichever of near-black and white contrasts more. */
export function inkOn(fill: string): string {
  return contrastRatio(fill, '#111111') >= contrastRatio(fill, '#ffffff') ? '#111111' : '#ffffff';
}

/**
 * The heat maps' sequential scale, light to dark blue, by share (0 to 1, absolute: 50% is the same
 * colour in every map). One hue with lightness falling steadily reads the same under the common colour
 * vision deficiencies; palette.test.ts checks it by simulating them.
 */
const HEAT_LO = [0xf4, 0xf8, 0xfc] as const;
const HEAT_HI = [0x08, 0x30, 0x6b] as const;

export function heatColour(share: number): string {
  const v = Math.min(1, Math.max(0, share)) ** 0.7; // small shares, the common case, still told apart
  const c = HEAT_LO.map((lo, i) => Math.round(lo + (HEAT_HI[i]! - lo) * v));
  return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export type Deficiency = 'deuteranopia' | 'protanopia' | 'tritanopia';

// Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
const CVD: Record<Deficiency, readonly number[]> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/** How a colour looks to someone with the deficiency (Machado et al. 2009). */
export function simulate(hex: string, deficiency: Deficiency): string {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  const m = CVD[deficiency];
  const out = [0, 1, 2].map((i) => m[i * 3]! * r + m[i * 3 + 1]! * g + m[i * 3 + 2]! * b);
  const gamma = (x: number) => {
    const c = Math.min(1, Math.max(0, x));
    return Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
  };
  return `#${out.map((x) => gamma(x).toString(16).padStart(2, '0')).join('')}`;
}

/** Ink for a heat-map cell: black or white, whichever contrasts more (one of them always reaches 4.5:1). */
export function heatInk(fill: string): string {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#ffffff') ? '#000000' : '#ffffff';
}
