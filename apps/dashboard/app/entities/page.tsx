import Link from 'next/link';
import { Empty } from '../../components/Empty';
import { FilterBar } from '../../components/FilterBar';
import { FilterSummary } from '../../components/FilterSummary';
import { NoWarehouse } from '../../components/NoWarehouse';
import { Panel } from '../../components/Panel';
import { getEntityIndex, getOptions, getTopicDefs, warehouseStatus } from '../../lib/data';
import { entityHref, isSearchText, toQuery, type Filters } from '../../lib/filters';
import { ENTITY_TYPE, formatNumber, named, pick, t } from '../../lib/i18n';
import { filtersFrom, type SearchParams } from '../../lib/page';
import { topicLook } from '../../lib/topics';

async function Index({ f, name }: { f: Filters; name: string | null }) {
  const rows = await getEntityIndex(f, name);
  if (rows.length === 0) return <Empty f={f} pathname="/entities" />;
  return (
    <div className="scroll-x">
      <table className="list" data-testid="entity-index">
        <thead>
          <tr>
            <th scope="col">{t(f.lang, 'entity')}</th>
            <th scope="col">{t(f.lang, 'type')}</th>
            <th scope="col" className="num">
              {t(f.lang, 'articles')}
            </th>
            <th scope="col" className="num">
              {t(f.lang, 'mentions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.entity_id} data-entity={r.entity_id} data-articles={r.articles}>
              <td>
                <Link href={entityHref(r.entity_id, f)}>{pick(f.lang, r.name_ar, r.name_en, r.entity_id)}</Link>
              </td>
              <td>{named(ENTITY_TYPE, f.lang, r.type)}</td>
              <td className="num">{formatNumber(f.lang, r.articles)}</td>
              <td className="num">{formatNumber(f.lang, r.mentions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every entity the selection names, most articles first; `name=` finds one by a folded part of its name. */
export default async function EntityIndexPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const { filters: f } = await filtersFrom(Promise.resolve(sp));
  const raw = Array.isArray(sp.name) ? sp.name[0] : sp.name;
  const name = raw && isSearchText(raw) ? raw.trim() || null : null;
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={f.lang} dir={status.dir} missing={status.missing} />;
  const [options, defs] = await Promise.all([getOptions(f.entity), getTopicDefs()]);
  const keep = [...new URLSearchParams(toQuery(f, { page: 1 }))];
  return (
    <div data-testid="entities">
      <h1>{t(f.lang, 'entityIndex')}</h1>
      <FilterBar filters={f} options={options} pathname="/entities" topicColours={topicLook(f.lang, defs).colours} hide={['measure', 'grain']} />
      <FilterSummary f={f} options={options} pathname="/entities" />
      <form role="search" action="/entities" method="get" className="search">
        <label htmlFor="name">{t(f.lang, 'entitySearch')}</label>
        <input id="name" type="search" name="name" defaultValue={name ?? ''} maxLength={200} dir="auto" />
        {keep.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <button type="submit">{t(f.lang, 'search')}</button>
      </form>
      <Panel f={f} title="entityIndex">
        <Index f={f} name={name} />
      </Panel>
    </div>
  );
}
