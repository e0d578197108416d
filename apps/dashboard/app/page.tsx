import { Suspense } from 'react';
import { FilterBar } from '../components/FilterBar';
import { FilterSummary } from '../components/FilterSummary';
import { NoWarehouse } from '../components/NoWarehouse';
import { RejectedParams } from '../components/Notices';
import { HeatMapSection, OutletTopicsSection, SummaryCounts, TimelineSection, VisitTopicsSection } from '../components/OverviewSections';
import { ChartSkeleton, CountsSkeleton } from '../components/Skeleton';
import { getOptions, getTopicDefs, warehouseStatus } from '../lib/data';
import { toQuery } from '../lib/filters';
import { t } from '../lib/i18n';
import { filtersFrom, type SearchParams } from '../lib/page';
import { topicColour } from '../lib/palette';

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const { filters: f, rejected } = await filtersFrom(searchParams);
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={f.lang} dir={status.dir} missing={status.missing} />;
  const [options, defs] = await Promise.all([getOptions(f.entity), getTopicDefs()]);
  const ids = defs.map((d) => d.topic_id);
  const colours = Object.fromEntries(ids.map((id) => [id, topicColour(id, ids)]));
  // Keyed on the view: a new view shows skeletons while its queries run.
  const key = toQuery(f);
  const loading = t(f.lang, 'loading');
  return (
    <div data-testid="overview">
      <h1>{t(f.lang, 'overview')}</h1>
      <FilterBar filters={f} options={options} pathname="/" topicColours={colours} />
      <RejectedParams lang={f.lang} rejected={rejected} />
      <FilterSummary f={f} options={options} pathname="/" />
      <section className="panel" aria-label={t(f.lang, 'articles')}>
        <Suspense key={key} fallback={<CountsSkeleton label={loading} />}>
          <SummaryCounts f={f} />
        </Suspense>
      </section>
      <section className="panel" data-section="outlet-topics">
        <h2>{t(f.lang, 'byOutlet')}</h2>
        <p className="note">{t(f.lang, f.measure === 'share' ? 'byOutletNoteShare' : 'byOutletNoteCount')}</p>
        <Suspense key={key} fallback={<ChartSkeleton label={loading} />}>
          <OutletTopicsSection f={f} defs={defs} />
        </Suspense>
      </section>
      <section className="panel" data-section="visit-topics">
        <h2>{t(f.lang, 'byVisit')}</h2>
        <p className="note">{t(f.lang, 'byVisitNote')}</p>
        <Suspense key={key} fallback={<ChartSkeleton label={loading} />}>
          <VisitTopicsSection f={f} defs={defs} />
        </Suspense>
      </section>
      <div className="grid-2">
        <section className="panel" data-section="heatmap">
          <h2>{t(f.lang, 'heatmap')}</h2>
          <Suspense key={key} fallback={<ChartSkeleton label={loading} />}>
            <HeatMapSection f={f} defs={defs} />
          </Suspense>
        </section>
        <section className="panel" data-section="timeline">
          <h2>{t(f.lang, f.measure === 'share' ? 'overTime' : 'overTimeCount')}</h2>
          <p className="note">{t(f.lang, 'timelineNote')}</p>
          <Suspense key={key} fallback={<ChartSkeleton label={loading} />}>
            <TimelineSection f={f} defs={defs} />
          </Suspense>
        </section>
      </div>
    </div>
  );
}
