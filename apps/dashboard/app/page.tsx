import { Suspense } from 'react';
import { FilterBar } from '../components/FilterBar';
import { FilterSummary } from '../components/FilterSummary';
import { MatrixSection } from '../components/MatrixSection';
import { NoWarehouse } from '../components/NoWarehouse';
import { RejectedParams } from '../components/Notices';
import { CoverageSection, OutletTopicsSection, SummaryCounts, TimelineSection, VisitTopicsSection } from '../components/OverviewSections';
import { Panel } from '../components/Panel';
import { TopEntities } from '../components/TopEntities';
import { CountsSkeleton } from '../components/Skeleton';
import { getOptions, getTopicDefs, warehouseStatus } from '../lib/data';
import { toQuery } from '../lib/filters';
import { t } from '../lib/i18n';
import { filtersFrom, type SearchParams } from '../lib/page';
import { topicLook } from '../lib/topics';

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const { filters: f, rejected } = await filtersFrom(searchParams);
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={f.lang} dir={status.dir} missing={status.missing} />;
  const [options, defs] = await Promise.all([getOptions(f.entity), getTopicDefs()]);
  return (
    <div data-testid="overview">
      <h1>{t(f.lang, 'overview')}</h1>
      <FilterBar filters={f} options={options} pathname="/" topicColours={topicLook(f.lang, defs).colours} />
      <RejectedParams lang={f.lang} rejected={rejected} />
      <FilterSummary f={f} options={options} pathname="/" />
      <section className="panel" aria-label={t(f.lang, 'articles')}>
        <Suspense key={toQuery(f)} fallback={<CountsSkeleton label={t(f.lang, 'loading')} />}>
          <SummaryCounts f={f} />
        </Suspense>
      </section>
      <Panel f={f} section="matrix" title="matrix" note="matrixNote">
        <MatrixSection f={f} defs={defs} />
      </Panel>
      <Panel f={f} section="outlet-topics" title="byOutlet" note="byOutletNote">
        <OutletTopicsSection f={f} defs={defs} />
      </Panel>
      <Panel f={f} section="visit-topics" title="byVisit" note="byVisitNote">
        <VisitTopicsSection f={f} defs={defs} />
      </Panel>
      <Panel f={f} section="coverage" title="coverage" note="coverageNote">
        <CoverageSection f={f} />
      </Panel>
      <Panel f={f} section="top-entities" title="topEntities">
        <TopEntities f={f} />
      </Panel>
      <Panel f={f} section="timeline" title={f.measure === 'share' ? 'overTime' : 'overTimeCount'} note="timelineNote">
        <TimelineSection f={f} defs={defs} />
      </Panel>
    </div>
  );
}
