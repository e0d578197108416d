import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, isIsoDate, isoDate, weekdayOf } from './dates.ts';

describe('dates', () => {
  it('accepts only real calendar days written yyyy-mm-dd', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    for (const bad of [
      '2021-02-29',
      '1900-02-29',
      '2022-04-31',
      '2022-13-01',
      '2022-00-10',
      '2022-3-30',
      '2022-03-30T00:00',
      ' 2022-03-30',
      '22-03-30',
      '0999-12-31',
    ]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isoDate(2022, 4, 31)).toBeNull();
    expect(isoDate(2022, 3, 9)).toBe('2022-03-09');
    expect(isoDate(2022.5, 3, 9)).toBeNull();
  });

  it('counts days in UTC whatever the zone, across month, year and leap-day ends', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2020-03-01')! - dayNumber('2020-02-28')!).toBe(2);
    expect(dayNumber('2021-03-01')! - dayNumber('2021-02-28')!).toBe(1);
    expect(fromDayNumber(dayNumber('2019-12-31')! + 1)).toBe('2020-01-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(addDays('2022-03-28', 3)).toBe('2022-03-31');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(() => addDays('2022-02-30', 1)).toThrow(/not a yyyy-mm-dd date/);
  });

  it('names weekdays from Sunday = 0', () => {
    expect(weekdayOf(dayNumber('2020-10-01')!)).toBe(4); // a Thursday
    expect(weekdayOf(dayNumber('2022-03-27')!)).toBe(0); // a Sunday
    expect(weekdayOf(dayNumber('1969-12-28')!)).toBe(0); // before the epoch
  });
});
