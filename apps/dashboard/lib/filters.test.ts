import { describe, expect, it } from 'vitest';
import { foldEmptyRuns, href, parseFilters, periodBounds, periodStarts, toQuery } from './filters';

describe('filters in the URL', () => {
  it('round-trips a view through one canonical query string', () => {
    const qs = 'topics=energy,counterterrorism&outlets=hespress&from=2020-01-01&measure=share&lang=en&grain=week&entity=person:mark_esper';
    const { filters, rejected } = parseFilters(new URLSearchParams(qs));
    expect(rejected).toEqual([]);
    const canonical = toQuery(filters);
    expect(canonical).toBe('from=2020-01-01&outlets=hespress&topics=counterterrorism,energy&entity=person:mark_esper&measure=share&grain=week&lang=en');
    expect(toQuery(parseFilters(new URLSearchParams(canonical)).filters)).toBe(canonical);
    expect(href('/', parseFilters({}).filters)).toBe('/');
  });
  it('keeps the links mode in the URL: primary stop by default, all links when asked', () => {
    expect(parseFilters({}).filters.links).toBe('primary');
    const all = parseFilters({ links: 'all', visits: 'v1' });
    expect(all.filters.links).toBe('all');
    expect(toQuery(all.filters)).toBe('visits=v1&links=all');
    expect(toQuery(parseFilters({ links: 'primary' }).filters)).toBe('');
    expect(parseFilters({ links: 'some' }).rejected).toEqual(['links']);
  });
  it('accepts repeated and comma-separated lists, from records as Next passes them', () => {
    const { filters } = parseFilters({ outlets: ['a', 'b,c'], visits: 'v1' });
    expect(filters.outlets).toEqual(['a', 'b', 'c']);
    expect(filters.visits).toEqual(['v1']);
  });
  it('drops hostile or malformed values and says which parameters it dropped', () => {
    const { filters, rejected } = parseFilters(
      new URLSearchParams({
        outlets: "hespress,' OR 1=1 --",
        topics: 'energy);DROP TABLE articles;--',
        entity: '../../etc/passwd',
        from: "2020-01-01' OR '1'='1",
        to: '2020-02-30',
        measure: 'sum',
        page: '-1',
        lang: 'fr',
      }),
    );
    expect(filters.outlets).toEqual(['hespress']);
    expect(filters.topics).toEqual([]);
    expect(filters.entity).toBeNull();
    expect(filters.from).toBeNull();
    expect(filters.to).toBeNull();
    expect(filters.measure).toBe('count');
    expect(filters.page).toBe(1);
    expect(filters.lang).toBe('ar');
    expect(rejected).toEqual(['entity', 'from', 'lang', 'measure', 'outlets', 'page', 'to', 'topics']);
  });
  it('puts a reversed date range right', () => {
    const { filters } = parseFilters({ from: '2022-01-01', to: '2020-01-01' });
    expect([filters.from, filters.to]).toEqual(['2020-01-01', '2022-01-01']);
  });
  it('lists periods like DuckDB date_trunc (weeks start on Monday)', () => {
    expect(periodStarts('2020-09-30', '2020-10-12', 'week')).toEqual(['2020-09-28', '2020-10-05', '2020-10-12']);
    expect(periodStarts('2020-11-15', '2021-01-02', 'month')).toEqual(['2020-11-01', '2020-12-01', '2021-01-01']);
    expect(periodBounds('2020-02-01', 'month')).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(periodBounds('2020-09-28', 'week')).toEqual({ from: '2020-09-28', to: '2020-10-04' });
  });
  it('folds runs of two or more empty periods into one gap, keeps a single empty period', () => {
    const p = (key: string, total: number) => ({ key, total });
    const folded = foldEmptyRuns([p('a', 1), p('b', 0), p('c', 2), p('d', 0), p('e', 0), p('f', 0), p('g', 3), p('h', 0), p('i', 0)], (first, last) =>
      p(`${first.key}-${last.key}`, 0),
    );
    expect(folded.map((x) => x.key)).toEqual(['a', 'b', 'c', 'd-f', 'g', 'h-i']);
  });
});
