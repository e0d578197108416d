import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FilterSummary } from '../../../components/FilterSummary';
import { NoWarehouse } from '../../../components/NoWarehouse';
import { OutletTopicsSection } from '../../../components/OverviewSections';
import { Panel } from '../../../components/Panel';
import { QueryFooter } from '../../../components/QueryFooter';
import { TopEntities } from '../../../components/TopEntities';
import { VisitDays } from '../../../components/VisitDays';
import { Empty } from '../../../components/Empty';
import { getOptions, getTopicDefs, getVisit, getVisitDays, warehouseStatus } from '../../../lib/data';
import { href, isKey, type Filters } from '../../../lib/filters';
import { pick, t } from '../../../lib/i18n';
import { filtersFrom, type SearchParams } from '../../../lib/page';
import { visitDaysQuery } from '../../../lib/queries';

async function Attention({ f }: { f: Filters }) {
  const rows = await getVisitDays(f);
  if (rows.length === 0) return <Empty f={f} />;
  return (
    <>
      <VisitDays f={f} rows={rows} />
      <QueryFooter view="visit-days" query={visitDaysQuery(f)} filters={f} />
    </>
  );
}

/** One visit: when and where, its tour's stops, the attention it drew day by day, and each outlet's topics. */
export default async function VisitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id } = await params;
  const { filters } = await filtersFrom(searchParams);
  if (!isKey(id)) notFound();
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={filters.lang} dir={status.dir} missing={status.missing} />;
  const [visit, defs, options] = await Promise.all([getVisit(id), getTopicDefs(), getOptions(filters.entity)]);
  if (!visit) notFound();
  // The page is about this visit: its sections are the overview's, narrowed to it.
  const f: Filters = { ...filters, visits: [id] };
  const label = pick(f.lang, visit.label_ar, visit.label_en, id);
  return (
    <div data-testid="visit-page" data-visit={id}>
      <p>
        <Link href={href('/', filters, { page: 1 })}>{t(f.lang, 'backToOverview')}</Link>
      </p>
      <h1>{label}</h1>
      <dl className="facts">
        <dt>{t(f.lang, 'date')}</dt>
        <dd dir="ltr">{visit.start_date === visit.end_date ? visit.start_date : `${visit.start_date} – ${visit.end_date}`}</dd>
        {visit.stops && visit.stops.length > 1 && (
          <>
            <dt>{t(f.lang, 'tour')}</dt>
            <dd>
              <ol className="stops">
                {visit.stops.map((s) => (
                  <li key={s.visit_id}>
                    {s.visit_id === id ? (
                      <strong aria-current="page">{pick(f.lang, s.label_ar, s.label_en, s.visit_id)}</strong>
                    ) : (
                      <Link href={href(`/visits/${s.visit_id}`, filters, { page: 1 })}>{pick(f.lang, s.label_ar, s.label_en, s.visit_id)}</Link>
                    )}{' '}
                    <bdi className="note">{s.start_date}</bdi>
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
        <dt>{t(f.lang, 'articles')}</dt>
        <dd>
          <Link href={href('/articles', f, { page: 1 })} data-testid="visit-articles">
            {t(f.lang, f.links === 'primary' ? 'linksPrimary' : 'linksAll')}
          </Link>
        </dd>
      </dl>
      <FilterSummary f={filters} options={options} pathname={`/visits/${id}`} />
      <Panel f={f} section="visit-days" title="attention" note="attentionNote">
        <Attention f={f} />
      </Panel>
      <Panel f={f} section="outlet-topics" title="byOutlet" note="byOutletNote">
        <OutletTopicsSection f={f} defs={defs} />
      </Panel>
      <Panel f={f} section="top-entities" title="topEntities">
        <TopEntities f={f} pathname={`/visits/${id}`} />
      </Panel>
    </div>
  );
}
