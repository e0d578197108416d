import Link from 'next/link';
import { Empty } from '../../components/Empty';
import { NoWarehouse } from '../../components/NoWarehouse';
import { Panel } from '../../components/Panel';
import { QueryFooter } from '../../components/QueryFooter';
import { differences, parseSide, sideFilters, sideParam, type Side } from '../../lib/compare';
import { getOptions, getTopEntities, getTopicDefs, getTopicShares, warehouseStatus } from '../../lib/data';
import { entityHref, href, toQuery, type Filters } from '../../lib/filters';
import { ENTITY_TYPE, formatNumber, formatShare, named, outletName, pick, t } from '../../lib/i18n';
import { filtersFrom, type SearchParams } from '../../lib/page';
import { topEntitiesQuery, topicSharesQuery, type Options } from '../../lib/queries';
import { topicSeries, type TopicDefRow } from '../../lib/topics';

function sideLabel(f: Filters, s: Side, options: Options): string {
  if (s.kind === 'outlet') {
    const o = options.outlets.find((x) => x.id === s.id);
    return outletName(f.lang, s.id, o?.name_ar ?? null, o?.name_en ?? null);
  }
  if (s.kind === 'visit') {
    const v = options.visits.find((x) => x.id === s.id);
    return v ? `${pick(f.lang, v.label_ar, v.label_en, s.id)} (${v.start_date})` : s.id;
  }
  return `${s.from} – ${s.to}`;
}

/** Signed difference in percentage points, with its sign always written. */
function Diff({ f, d }: { f: Filters; d: number }) {
  const pts = Math.round(d * 1000) / 10;
  const text = `${pts > 0 ? '+' : pts < 0 ? '−' : '±'}${formatNumber(f.lang, Math.abs(pts))}`;
  return (
    <td className={`num diff ${pts > 0 ? 'up' : pts < 0 ? 'down' : ''}`} data-diff={d}>
      <bdi dir="ltr">{text}</bdi>
      <span className="diffbar" aria-hidden="true" style={{ width: `${Math.min(100, Math.abs(pts))}%` }} />
    </td>
  );
}

async function TopicCompare({ f, a, b, defs }: { f: Filters; a: Side; b: Side; defs: readonly TopicDefRow[] }) {
  const [fa, fb] = [sideFilters(f, a), sideFilters(f, b)];
  const [ra, rb] = await Promise.all([getTopicShares(fa), getTopicShares(fb)]);
  if (ra.length === 0 && rb.length === 0) return <Empty f={f} pathname="/compare" />;
  const rows = differences(new Map(ra.map((r) => [r.topic_id, r.share])), new Map(rb.map((r) => [r.topic_id, r.share])));
  const series = topicSeries(
    f.lang,
    defs,
    rows.map((r) => r.key),
  );
  const n = (rs: typeof ra, id: string) => rs.find((r) => r.topic_id === id)?.n ?? 0;
  const totalA = ra[0]?.total ?? 0;
  const totalB = rb[0]?.total ?? 0;
  return (
    <>
      <div className="scroll-x">
        <table className="list compare" data-testid="compare-topics">
          <thead>
            <tr>
              <th scope="col">{t(f.lang, 'topics')}</th>
              <th scope="col" className="num">
                A <span className="note">({t(f.lang, 'nArticles').replace('{n}', formatNumber(f.lang, totalA))})</span>
              </th>
              <th scope="col" className="num">
                B <span className="note">({t(f.lang, 'nArticles').replace('{n}', formatNumber(f.lang, totalB))})</span>
              </th>
              <th scope="col" className="num">
                {t(f.lang, 'diffPoints')}
              </th>
            </tr>
          </thead>
          <tbody>
            {series.map((s) => {
              const r = rows.find((x) => x.key === s.id)!;
              return (
                <tr key={s.id} data-topic={s.id} data-a={n(ra, s.id)} data-b={n(rb, s.id)}>
                  <th scope="row">{s.label}</th>
                  <td className="num">
                    <Link href={href('/articles', fa, { topics: [s.id] })}>
                      <bdi dir="ltr">{formatShare(f.lang, r.a)}</bdi>
                    </Link>{' '}
                    <span className="note">{formatNumber(f.lang, n(ra, s.id))}</span>
                  </td>
                  <td className="num">
                    <Link href={href('/articles', fb, { topics: [s.id] })}>
                      <bdi dir="ltr">{formatShare(f.lang, r.b)}</bdi>
                    </Link>{' '}
                    <span className="note">{formatNumber(f.lang, n(rb, s.id))}</span>
                  </td>
                  <Diff f={f} d={r.diff} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <QueryFooter view="topic-shares" query={topicSharesQuery(fa)} filters={fa} />
    </>
  );
}

async function EntityCompare({ f, a, b }: { f: Filters; a: Side; b: Side }) {
  const [fa, fb] = [sideFilters(f, a), sideFilters(f, b)];
  const [ra, rb] = await Promise.all([getTopEntities(fa), getTopEntities(fb)]);
  if (ra.length === 0 && rb.length === 0) return <Empty f={f} pathname="/compare" />;
  const info = new Map([...ra, ...rb].map((r) => [r.entity_id, r]));
  const rows = differences(new Map(ra.map((r) => [r.entity_id, r.share])), new Map(rb.map((r) => [r.entity_id, r.share]))).sort(
    (x, y) => Math.max(y.a, y.b) - Math.max(x.a, x.b) || x.key.localeCompare(y.key),
  );
  return (
    <>
      <div className="scroll-x">
        <table className="list compare" data-testid="compare-entities">
          <thead>
            <tr>
              <th scope="col">{t(f.lang, 'entity')}</th>
              <th scope="col" className="num">
                A
              </th>
              <th scope="col" className="num">
                B
              </th>
              <th scope="col" className="num">
                {t(f.lang, 'diffPoints')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const e = info.get(r.key)!;
              return (
                <tr key={r.key} data-entity={r.key}>
                  <th scope="row">
                    <Link href={entityHref(r.key, f)}>{pick(f.lang, e.name_ar, e.name_en, r.key)}</Link>{' '}
                    <span className="note">{named(ENTITY_TYPE, f.lang, e.type)}</span>
                  </th>
                  <td className="num">
                    <bdi dir="ltr">{formatShare(f.lang, r.a)}</bdi>
                  </td>
                  <td className="num">
                    <bdi dir="ltr">{formatShare(f.lang, r.b)}</bdi>
                  </td>
                  <Diff f={f} d={r.diff} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <QueryFooter view="top-entities" query={topEntitiesQuery(fa)} filters={fa} />
    </>
  );
}

/** Two outlets, visits or periods side by side: topic shares and the entities named, with B − A. */
export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const { filters: f } = await filtersFrom(Promise.resolve(sp));
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={f.lang} dir={status.dir} missing={status.missing} />;
  const [options, defs] = await Promise.all([getOptions(f.entity), getTopicDefs()]);
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]);
  const years = (() => {
    const first = Number(options.dates.first?.slice(0, 4));
    const last = Number(options.dates.last?.slice(0, 4));
    return Number.isFinite(first) && Number.isFinite(last) ? Array.from({ length: Math.min(30, last - first + 1) }, (_, i) => first + i) : [];
  })();
  const outletsByArticles = options.outlets.slice(0, 2);
  const a = parseSide(one('a')) ?? (outletsByArticles[0] ? ({ kind: 'outlet', id: outletsByArticles[0].id } as Side) : null);
  const b = parseSide(one('b')) ?? (outletsByArticles[1] ? ({ kind: 'outlet', id: outletsByArticles[1].id } as Side) : null);
  const keep = [...new URLSearchParams(toQuery(f, { page: 1 }))];
  const picker = (name: 'a' | 'b', current: Side | null) => (
    <label className="field">
      {name.toUpperCase()}
      <select name={name} defaultValue={current ? sideParam(current) : ''} data-testid={`side-${name}`}>
        <optgroup label={t(f.lang, 'outlets')}>
          {options.outlets.map((o) => (
            <option key={o.id} value={`outlet:${o.id}`}>
              {outletName(f.lang, o.id, o.name_ar, o.name_en)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t(f.lang, 'visits')}>
          {options.visits.map((v) => (
            <option key={v.id} value={`visit:${v.id}`}>{`${pick(f.lang, v.label_ar, v.label_en, v.id)} (${v.start_date})`}</option>
          ))}
        </optgroup>
        <optgroup label={t(f.lang, 'periods')}>
          {years.map((y) => (
            <option key={y} value={`period:${y}-01-01..${y}-12-31`}>
              {y}
            </option>
          ))}
          {current?.kind === 'period' && !years.some((y) => sideParam(current) === `period:${y}-01-01..${y}-12-31`) && (
            <option value={sideParam(current)}>{`${current.from} – ${current.to}`}</option>
          )}
        </optgroup>
      </select>
    </label>
  );
  return (
    <div data-testid="compare">
      <h1>{t(f.lang, 'compare')}</h1>
      <form action="/compare" method="get" className="filters compare-form">
        {picker('a', a)}
        {picker('b', b)}
        {keep.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <button type="submit">{t(f.lang, 'compare')}</button>
      </form>
      <p className="note">{t(f.lang, 'compareNote')}</p>
      {a && b ? (
        <>
          <p className="sides" data-testid="compare-sides">
            <strong>A</strong>: {sideLabel(f, a, options)} · <strong>B</strong>: {sideLabel(f, b, options)}
          </p>
          <Panel f={f} section="compare-topics" title="compareTopics">
            <TopicCompare f={f} a={a} b={b} defs={defs} />
          </Panel>
          <Panel f={f} section="compare-entities" title="compareEntities">
            <EntityCompare f={f} a={a} b={b} />
          </Panel>
        </>
      ) : (
        <Empty f={f} pathname="/compare" />
      )}
    </div>
  );
}
