import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable, type Column } from '../../../components/DataTable';
import { FilterSummary } from '../../../components/FilterSummary';
import { NoWarehouse } from '../../../components/NoWarehouse';
import { Panel } from '../../../components/Panel';
import { QueryFooter } from '../../../components/QueryFooter';
import { getCoMentions, getEntity, getEntityOutlets, getEntityVisits, getOptions, warehouseStatus } from '../../../lib/data';
import { entityHref, href, isEntityId, type Filters } from '../../../lib/filters';
import { ENTITY_ORIGIN, ENTITY_TYPE, formatNumber, named, outletName, pick, t } from '../../../lib/i18n';
import { filtersFrom, type SearchParams } from '../../../lib/page';
import type { CoMentionRow } from '../../../lib/queries';
import { viewQuery, type ViewName } from '../../../lib/views';

/** One of the entity's tables, with the SQL that produced it and its downloads. */
function EntityTable<R>({
  view,
  f,
  id,
  ...table
}: {
  view: ViewName;
  f: Filters;
  id: string;
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
  testId: string;
}) {
  return (
    <>
      <DataTable lang={f.lang} {...table} />
      <QueryFooter view={view} query={viewQuery(view, f, id)!} filters={f} entityId={id} />
    </>
  );
}

/** A count that lists the entity's articles narrowed by `change`. */
function ArticlesLink({ f, id, n, change }: { f: Filters; id: string; n: number; change: Partial<Filters> }) {
  return <Link href={href('/articles', { ...f, entity: id, ...change }, { page: 1 })}>{formatNumber(f.lang, n)}</Link>;
}

async function CoMentions({ f, id, pageName }: { f: Filters; id: string; pageName: string }) {
  const rows = await getCoMentions(f, id);
  const name = (r: CoMentionRow) => pick(f.lang, r.name_ar, r.name_en, r.entity_id);
  // Two entities may share a name in one language (الجزائر: Algeria and Algiers): say which is which.
  const names = [pageName, ...rows.map(name)];
  const ambiguous = new Set(names.filter((n, i) => names.indexOf(n) !== i));
  return (
    <EntityTable
      view="entity-comentions"
      f={f}
      id={id}
      testId="co-mentions"
      rows={rows}
      rowKey={(r) => r.entity_id}
      columns={[
        {
          head: 'entity',
          cell: (r) => (
            <>
              <Link href={entityHref(r.entity_id, f)}>{name(r)}</Link>{' '}
              {ambiguous.has(name(r)) && <span className="ltr">({f.lang === 'ar' && r.name_en ? r.name_en : r.entity_id})</span>}{' '}
              <span className="note">{named(ENTITY_TYPE, f.lang, r.type)}</span>
            </>
          ),
        },
        { head: 'articles', num: true, cell: (r) => formatNumber(f.lang, r.articles) },
        { head: 'mentions', num: true, cell: (r) => formatNumber(f.lang, r.mentions) },
      ]}
    />
  );
}

async function Outlets({ f, id }: { f: Filters; id: string }) {
  return (
    <EntityTable
      view="entity-outlets"
      f={f}
      id={id}
      testId="entity-outlets"
      rows={await getEntityOutlets(f, id)}
      rowKey={(r) => r.outlet_id}
      columns={[
        { head: 'outlet', cell: (r) => outletName(f.lang, r.outlet_id, r.outlet_ar, r.outlet_en) },
        { head: 'articles', num: true, cell: (r) => <ArticlesLink f={f} id={id} n={r.articles} change={{ outlets: [r.outlet_id] }} /> },
        { head: 'mentions', num: true, cell: (r) => formatNumber(f.lang, r.mentions) },
      ]}
    />
  );
}

async function Visits({ f, id }: { f: Filters; id: string }) {
  return (
    <EntityTable
      view="entity-visits"
      f={f}
      id={id}
      testId="entity-visits"
      rows={await getEntityVisits(f, id)}
      rowKey={(r) => r.visit_id}
      columns={[
        {
          head: 'visits',
          cell: (r) => (
            <>
              {pick(f.lang, r.label_ar, r.label_en, r.visit_id)} <span className="note num ltr">{r.start_date}</span>
            </>
          ),
        },
        { head: 'articles', num: true, cell: (r) => <ArticlesLink f={f} id={id} n={r.articles} change={{ visits: [r.visit_id] }} /> },
        { head: 'meanScore', num: true, cell: (r) => r.mean_score.toFixed(2) },
      ]}
    />
  );
}

export default async function EntityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id: raw } = await params;
  const id = decodeURIComponent(raw);
  const { filters } = await filtersFrom(searchParams);
  if (!isEntityId(id)) notFound();
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={filters.lang} dir={status.dir} missing={status.missing} />;
  // The page is about this entity: an entity filter in the link is not applied on top.
  const f: Filters = { ...filters, entity: null };
  const [entity, options] = await Promise.all([getEntity(f, id), getOptions(null)]);
  if (!entity) notFound();
  return (
    <div data-testid="entity" data-entity={entity.entity_id}>
      <h1>
        {pick(f.lang, entity.name_ar, entity.name_en, entity.entity_id)}{' '}
        {entity.name_en && f.lang === 'ar' && <span className="note ltr">{entity.name_en}</span>}
      </h1>
      <FilterSummary f={f} options={options} pathname={`/entities/${id}`} />
      <dl className="article-meta">
        <dt>{t(f.lang, 'type')}</dt>
        <dd>{named(ENTITY_TYPE, f.lang, entity.type)}</dd>
        <dt>{t(f.lang, 'origin')}</dt>
        <dd>{named(ENTITY_ORIGIN, f.lang, entity.origin)}</dd>
        <dt>{t(f.lang, 'mentions')}</dt>
        <dd className="num">{formatNumber(f.lang, entity.mentions)}</dd>
        <dt>{t(f.lang, 'articles')}</dt>
        <dd className="num" data-testid="entity-articles" data-value={entity.articles}>
          <ArticlesLink f={f} id={id} n={entity.articles} change={{}} />
        </dd>
      </dl>
      <div className="grid-2">
        <Panel f={f} title="coMentioned">
          <CoMentions f={f} id={id} pageName={pick(f.lang, entity.name_ar, entity.name_en, entity.entity_id)} />
        </Panel>
        <div className="stack">
          <Panel f={f} title="mentionedBy">
            <Outlets f={f} id={id} />
          </Panel>
          <Panel f={f} title="aroundVisits">
            <Visits f={f} id={id} />
          </Panel>
        </div>
      </div>
    </div>
  );
}
