import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, formatHex, converter } from 'culori';
import { describe, expect, it } from 'vitest';
import { CHART_BACKGROUND, contrastRatio, heatColour, heatInk, inkOn, PAGE_BACKGROUND, PALETTE, topicColour } from './palette';

// Colour maths from culori (a dev dependency): the app ships none of it.
type Lab = readonly [number, number, number];
const toLab = converter('lab65');
const lab = (hex: string): Lab => {
  const c = toLab(hex);
  if (!c) throw new Error(`not a colour: ${hex}`);
  return [c.l, c.a, c.b];
};
const deltaE = differenceCiede2000();
const ciede2000 = ([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number => deltaE({ mode: 'lab65', l: l1, a: a1, b: b1 }, { mode: 'lab65', l: l2, a: a2, b: b2 });
const FILTERS = { deuteranopia: filterDeficiencyDeuter(1), protanopia: filterDeficiencyProt(1), tritanopia: filterDeficiencyTrit(1) };
const simulate = (hex: string, d: keyof typeof FILTERS): string => formatHex(FILTERS[d](toLab(hex)!)) ?? hex;

describe('topic palette', () => {
  it('computes WCAG contrast like the spec', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
  it('computes CIEDE2000 like the published test data (Sharma et al. 2005)', () => {
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(ciede2000([50, 2.5, 0], [50, 0, -2.5])).toBeCloseTo(4.3065, 4);
    expect(ciede2000([50, -1, 2], [50, 0, 0])).toBeCloseTo(2.3669, 4);
    expect(ciede2000([22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619])).toBeCloseTo(2.0373, 4);
    expect(ciede2000(lab('#ffffff'), lab('#000000'))).toBeCloseTo(100, 0);
  });
  it('has 16 distinct colours', () => {
    expect(PALETTE).toHaveLength(16);
    expect(new Set(PALETTE.map((c) => c.toLowerCase())).size).toBe(16);
  });
  it('every colour contrasts at least 3:1 (WCAG 1.4.11) with both backgrounds', () => {
    for (const c of PALETTE) {
      expect(contrastRatio(c, CHART_BACKGROUND), c).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(c, PAGE_BACKGROUND), c).toBeGreaterThanOrEqual(3);
    }
  });
  it('any two colours are at least 20 apart in CIEDE2000', () => {
    for (const [i, a] of PALETTE.entries()) {
      for (const b of PALETTE.slice(i + 1)) expect(ciede2000(lab(a), lab(b)), `${a} ${b}`).toBeGreaterThanOrEqual(20);
    }
  });
  it('gives a topic the same colour whatever the order it is listed in', () => {
    expect(topicColour('energy', ['migration', 'energy'])).toBe(topicColour('energy', ['energy', 'migration']));
    expect(contrastRatio(inkOn('#ffffff'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('heat-map scale under colour vision deficiencies', () => {
  const steps = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  it('simulates a deficiency: greys stay grey, red and green merge under deuteranopia', () => {
    expect(simulate('#808080', 'deuteranopia')).toBe('#808080');
    expect(ciede2000(lab(simulate('#d62728', 'deuteranopia')), lab(simulate('#2ca02c', 'deuteranopia')))).toBeLessThan(
      ciede2000(lab('#d62728'), lab('#2ca02c')) / 2,
    );
  });
  for (const d of ['deuteranopia', 'protanopia', 'tritanopia'] as const) {
    it(`each step darker and distinct from the next under ${d}`, () => {
      const seen = steps.map((s) => lab(simulate(heatColour(s), d)));
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]![0], `${steps[i]}`).toBeLessThan(seen[i - 1]![0]);
        expect(ciede2000(seen[i - 1]!, seen[i]!), `${steps[i - 1]} → ${steps[i]}`).toBeGreaterThanOrEqual(3);
      }
      expect(ciede2000(seen[0]!, seen.at(-1)!)).toBeGreaterThanOrEqual(60);
    });
  }
  it('the count printed in a cell contrasts 4.5:1 with its fill', () => {
    for (const s of steps) expect(contrastRatio(heatInk(heatColour(s)), heatColour(s)), `${s}`).toBeGreaterThanOrEqual(4.5);
  });
});
