import { describe, expect, it } from 'vitest';
import { CHART_BACKGROUND, contrastRatio, deltaE, inkOn, PAGE_BACKGROUND, PALETTE, topicColour } from './palette';

describe('topic palette', () => {
  it('computes WCAG contrast like the spec', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
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
  it('any two colours are far apart in CIELAB', () => {
    for (const [i, a] of PALETTE.entries()) for (const b of PALETTE.slice(i + 1)) expect(deltaE(a, b), `${a} ${b}`).toBeGreaterThan(20);
  });
  it('gives a topic the same colour whatever the order it is listed in', () => {
    expect(topicColour('energy', ['migration', 'energy'])).toBe(topicColour('energy', ['energy', 'migration']));
    expect(contrastRatio(inkOn('#ffffff'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
