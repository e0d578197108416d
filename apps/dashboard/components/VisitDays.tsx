/**
 * Attention around a visit: each outlet's articles per day from −7 to +7 days of the visit's first day,
 * as a table of small bars (the day axis runs left to right in both languages, like a number line). The
 * visit day is marked; every number is in the table, every bar is a link to that day's articles.
 */
import Link from 'next/link';
import { addDays } from '@mirsad/model/dates';
import { href, type Filters } from '../lib/filters';
import { formatNumber, outletName, pick, t } from '../lib/i18n';
import type { VisitDayRow } from '../lib/queries';

const DAYS = Array.from({ length: 15 }, (_, i) => i - 7);

export function VisitDays({ f, rows }: { f: Filters; rows: readonly VisitDayRow[] }) {
  const visits: { id: string; label: string; start: string; outlets: Map<string, { label: string; days: Map<number, number> }> }[] = [];
  for (const r of rows) {
    let v = visits.find((x) => x.id === r.visit_id);
    if (!v) {
      v = { id: r.visit_id, label: pick(f.lang, r.label_ar, r.label_en, r.visit_id), start: r.start_date, outlets: new Map() };
      visits.push(v);
    }
    const o = v.outlets.get(r.outlet_id) ?? { label: outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en), days: new Map() };
    o.days.set(r.day, r.n);
    v.outlets.set(r.outlet_id, o);
  }
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <>
      {visits.map((v) => (
        <div key={v.id} className="scroll-x" dir="ltr" tabIndex={0} role="region" aria-label={`${t(f.lang, 'attention')}: ${v.label}`}>
          <table className="days" data-testid="visit-days" data-visit={v.id} dir="ltr">
            <caption dir={f.lang === 'ar' ? 'rtl' : 'ltr'}>
              {v.label} <bdi>({v.start})</bdi>
            </caption>
            <thead>
              <tr>
                <th scope="col" dir="auto">
                  {t(f.lang, 'outlet')}
                </th>
                {DAYS.map((d) => (
                  <th key={d} scope="col" className={d === 0 ? 'day0' : undefined} data-day={d} title={addDays(v.start, d)}>
                    {d > 0 ? `+${d}` : d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...v.outlets.entries()].map(([id, o]) => (
                <tr key={id}>
                  <th scope="row" dir="auto">
                    {o.label}
                  </th>
                  {DAYS.map((d) => {
                    const n = o.days.get(d) ?? 0;
                    const day = addDays(v.start, d);
                    return (
                      <td key={d} className={d === 0 ? 'day0' : undefined} data-outlet={id} data-day={d} data-n={n}>
                        {n > 0 ? (
                          <Link href={href('/articles', f, { outlets: [id], visits: [v.id], from: day, to: day, page: 1 })} title={`${day}: ${n}`}>
                            <span className="bar" style={{ height: `${Math.max(8, (n / max) * 100)}%` }} aria-hidden="true" />
                            <span className="n">{formatNumber(f.lang, n)}</span>
                          </Link>
                        ) : (
                          <span className="none" aria-label="0" />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={DAYS.length + 1} className="note" dir={f.lang === 'ar' ? 'rtl' : 'ltr'}>
                  {t(f.lang, 'dayAxis')} · <span className="day0-key">0</span> = {t(f.lang, 'visitDay')}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ))}
    </>
  );
}
