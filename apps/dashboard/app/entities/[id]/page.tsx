import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { NoWarehouse } from '../../../components/NoWarehouse';
import { QueryFooter } from '../../../components/QueryFooter';
import { ChartSkeleton } from '../../../components/Skeleton';
import { getCoMentions, getEntity, getEntityOutlets, getEntityVisits, warehouseStatus } from '../../../lib/data';
import { href, isEntityId, NO_OUTLET, toQuery, type Filters } from '../../../lib/filters';
import { formatNumber, pick, t } from '../../../lib/i18n';
import { filtersFrom, type SearchParams } from '../../../lib/page';
import { coMentionsQuery, entityOutletsQuery, entityVisitsQuery } from '../../../lib/queries';

async function CoMentions({ f, id }: { f: Filters; id: string }) {
  const rows = await getCoMentions(f, id);
  return (
    <>
      {rows.length === 0 ? (
        <p className="note">—</p>
      ) : (
        <table className="list" data-testid="co-mentions">
          <thead>
            <tr>
              <th>{t(f.lang, 'entity')}</th>
              <th>{t(f.lang, 'articles')}</th>
              <th>{t(f.lang, 'mentions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.entity_id}>
                <td>
                  <Link href={href(`/entities/${r.entity_id}`, f, { page: 1 })}>{pick(f.lang, r.name_ar, r.name_en, r.entity_id)}</Link>{' '}
                  <span className="note">{r.type}</span>
                </td>
                <td className="num">{formatNumber(f.lang, r.articles)}</td>
                <td className="num">{formatNumber(f.lang, r.mentions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <QueryFooter view="entity-comentions" query={coMentionsQuery(f, id)} filters={f} entityId={id} />
    </>
  );
}

async function Outlets({ f, id }: { f: Filters; id: string }) {
  const rows = await getEntityOutlets(f, id);
  return (
    <>
      {rows.length === 0 ? (
        <p className="note">—</p>
      ) : (
        <table className="list" data-testid="entity-outlets">
          <thead>
            <tr>
              <th>{t(f.lang, 'outlet')}</th>
              <th>{t(f.lang, 'articles')}</th>
              <th>{t(f.lang, 'mentions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.outlet_id}>
                <td>{r.outlet_id === NO_OUTLET ? t(f.lang, 'unknownOutlet') : pick(f.lang, r.outlet_ar, r.outlet_en, r.outlet_id)}</td>
                <td className="num">
                  <Link href={href('/articles', { ...f, entity: id, outlets: [r.outlet_id] }, { page: 1 })}>{formatNumber(f.lang, r.articles)}</Link>
                </td>
                <td className="num">{formatNumber(f.lang, r.mentions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <QueryFooter view="entity-outlets" query={entityOutletsQuery(f, id)} filters={f} entityId={id} />
    </>
  );
}

async function Visits({ f, id }: { f: Filters; id: string }) {
  const rows = await getEntityVisits(f, id);
  return (
    <>
      {rows.length === 0 ? (
        <p className="note">—</p>
      ) : (
        <table className="list" data-testid="entity-visits">
          <thead>
            <tr>
              <th>{t(f.lang, 'visits')}</th>
              <th>{t(f.lang, 'articles')}</th>
              <th>{t(f.lang, 'meanScore')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.visit_id}>
                <td>
                  {pick(f.lang, r.label_ar, r.label_en, r.visit_id)} <span className="note num">{r.start_date}</span>
                </td>
                <td className="num">
                  <Link href={href('/articles', { ...f, entity: id, visits: [r.visit_id] }, { page: 1 })}>{formatNumber(f.lang, r.articles)}</Link>
                </td>
                <td className="num">{r.mean_score.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <QueryFooter view="entity-visits" query={entityVisitsQuery(f, id)} filters={f} entityId={id} />
    </>
  );
}

export default async function EntityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id: raw } = await params;
  const id = decodeURIComponent(raw);
  const { filters } = await filtersFrom(searchParams);
  if (!isEntityId(id)) notFound();
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={filters.lang} dir={status.dir} missing={status.missing} />;
  const entity = await getEntity(id);
  if (!entity) notFound();
  // The page is about this entity: an entity filter in the link is not applied on top.
  const f: Filters = { ...filters, entity: null };
  const key = toQuery(f);
  const loading = t(f.lang, 'loading');
  const filtered = key.replace(/(^|&)lang=[^&]*/, '') !== '';
  return (
    <div data-testid="entity" data-entity={entity.entity_id}>
      <h1>
        {pick(f.lang, entity.name_ar, entity.name_en, entity.entity_id)}{' '}
        {entity.name_en && f.lang === 'ar' && <span className="note ltr">{entity.name_en}</span>}
      </h1>
      <dl className="article-meta">
        <dt>{t(f.lang, 'type')}</dt>
        <dd>{entity.type}</dd>
        <dt>{t(f.lang, 'origin')}</dt>
        <dd>{entity.origin}</dd>
        <dt>{t(f.lang, 'mentions')}</dt>
        <dd className="num">{formatNumber(f.lang, entity.mentions)}</dd>
        <dt>{t(f.lang, 'articles')}</dt>
        <dd className="num">
          <Link href={href('/articles', { ...f, entity: id }, { page: 1 })}>{formatNumber(f.lang, entity.articles)}</Link>
        </dd>
      </dl>
      {filtered && (
        <p className="notice">
          {t(f.lang, 'filtersApplied')}: <code>{key}</code> · <Link href={href(`/entities/${id}`, { ...f, from: null, to: null, outlets: [], visits: [], topics: [], dups: false })}>{t(f.lang, 'reset')}</Link>
        </p>
      )}
      <div className="grid-2">
        <section className="panel">
          <h2>{t(f.lang, 'coMentioned')}</h2>
          <Suspense key={key} fallback={<ChartSkeleton label={loading} />}>
            <CoMentions f={f} id={id} />
          </Suspense>
        </section>
        <div className="stack">
          <section className="panel">
            <h2>{t(f.lang, 'mentionedBy')}</h2>
            <Suspense key={key} fallback={<ChartSkeleton label={loading} />}>
              <Outlets f={f} id={id} />
            </Suspense>
          </section>
          <section className="panel">
            <h2>{t(f.lang, 'aroundVisits')}</h2>
            <Suspense key={key} fallback={<ChartSkeleton label={loading} />}>
              <Visits f={f} id={id} />
            </Suspense>
          </section>
        </div>
      </div>
    </div>
  );
}
