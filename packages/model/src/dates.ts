/**
 * Calendar dates as the warehouse writes them: ISO yyyy-mm-dd strings. Arithmetic is on UTC day
 * numbers (days since 1970-01-01), never on Date parsing of local strings, so the machine's zone
 * cannot move a day. Pure: the config loaders, the readers, the extractors and the dashboard share it.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** yyyy-mm-dd if the three numbers make a real calendar day of a four-digit year (no 31 April, no 29 February 2021). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Whether `s` is exactly a yyyy-mm-dd calendar day. */
export function isIsoDate(s: string): boolean {
  return dayNumber(s) !== null;
}

/** Days since 1970-01-01 of a yyyy-mm-dd date, or null when `s` is not one. */
export function dayNumber(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (!m || isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === null) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The yyyy-mm-dd date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` after (or before, when negative) a yyyy-mm-dd date; throws on a string that is not one. */
export function addDays(date: string, days: number): string {
  const d = dayNumber(date);
  if (d === null) throw new Error(`not a yyyy-mm-dd date: ${JSON.stringify(date)}`);
  return fromDayNumber(d + days);
}

/** 0 = Sunday … 6 = Saturday of a day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
