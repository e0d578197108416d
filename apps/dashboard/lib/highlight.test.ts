import { describe, expect, it } from 'vitest';
import { highlightSegments, occurrences, sentencesOf } from './highlight';

describe('highlightSegments', () => {
  it('marks mentions by code-point offsets and cues by text, keeping the body intact', () => {
    const body = 'وصل مارك إسبر إلى الجزائر لبحث مكافحة الإرهاب.';
    const segs = highlightSegments(body, [{ entity_id: 'person:esper', start: 4, end: 13 }], [{ topic_id: 'counterterrorism', evidence: ['مكافحة الإرهاب'] }]);
    expect(segs.map((s) => s.text).join('')).toBe(body);
    expect(segs.find((s) => s.entities.includes('person:esper'))?.text).toBe('مارك إسبر');
    expect(segs.find((s) => s.topics.includes('counterterrorism'))?.text).toBe('مكافحة الإرهاب');
  });
  it('counts offsets in code points, not UTF-16 units', () => {
    const body = '😀 إسبر';
    const segs = highlightSegments(body, [{ entity_id: 'e', start: 2, end: 6 }], []);
    expect(segs.find((s) => s.entities.length)?.text).toBe('إسبر');
  });
  it('splits overlapping marks and finds every occurrence of a cue', () => {
    const segs = highlightSegments('الغاز ثم الغاز', [{ entity_id: 'x', start: 0, end: 8 }], [{ topic_id: 'energy', evidence: ['الغاز'] }]);
    expect(segs.map((s) => [s.text, s.entities.length, s.topics.length])).toEqual([
      ['الغاز', 1, 1],
      [' ثم', 1, 0],
      [' ', 0, 0],
      ['الغاز', 0, 1],
    ]);
  });
  it('ignores offsets outside the body and keeps markup as text', () => {
    const body = '<script>alert(1)</script>';
    const segs = highlightSegments(
      body,
      [
        { entity_id: 'x', start: 5, end: 999 },
        { entity_id: 'y', start: -1, end: 2 },
      ],
      [],
    );
    expect(segs).toEqual([{ text: body, entities: [], topics: [] }]);
  });

  it('finds the sentences behind a span and marks them, whatever the marks inside', () => {
    const body = 'جملة أولى عن الطقس. وصل إسبر إلى الجزائر لبحث الغاز! جملة ثالثة؟ ورابعة عن الغاز';
    const gas = occurrences(body, ['الغاز']);
    expect(gas).toHaveLength(2);
    const sentences = sentencesOf(body, gas);
    const chars = Array.from(body);
    expect(sentences.map((r) => chars.slice(r.start, r.end).join(''))).toEqual(['وصل إسبر إلى الجزائر لبحث الغاز!', 'ورابعة عن الغاز']);
    const segs = highlightSegments(body, [{ entity_id: 'esper', start: 24, end: 28 }], [], sentences);
    expect(
      segs
        .filter((s) => s.selected)
        .map((s) => s.text)
        .join(''),
    ).toBe('وصل إسبر إلى الجزائر لبحث الغاز!ورابعة عن الغاز');
    expect(segs.find((s) => s.entities.length)?.selected).toBe(true);
    expect(segs.map((s) => s.text).join('')).toBe(body);
  });
});
