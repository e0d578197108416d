import Link from 'next/link';
import { Suspense } from 'react';
import { ArticleTable } from '../../components/ArticleTable';
import { FilterBar } from '../../components/FilterBar';
import { FilterSummary } from '../../components/FilterSummary';
import { NoWarehouse } from '../../components/NoWarehouse';
import { RejectedParams } from '../../components/Notices';
import { SearchForm } from '../../components/SearchForm';
import { QueryFooter } from '../../components/QueryFooter';
import { ChartSkeleton } from '../../components/Skeleton';
import { getArticleList, getOptions, getTopicDefs, warehouseStatus } from '../../lib/data';
import { href, toQuery, type Filters } from '../../lib/filters';
import { formatNumber, t } from '../../lib/i18n';
import { filtersFrom, type SearchParams } from '../../lib/page';
import { topicLook } from '../../lib/topics';
import { articleListQuery } from '../../lib/queries';

async function ArticleListSection({ f, topicLabels, topicColours }: { f: Filters; topicLabels: Record<string, string>; topicColours: Record<string, string> }) {
  const list = await getArticleList(f);
  if (list.total === 0) {
    return (
      <p className="empty" data-testid="empty">
        {t(f.lang, 'noData')}
      </p>
    );
  }
  const pager = (
    <nav className="pager" aria-label={t(f.lang, 'page')}>
      {list.page > 1 && <Link href={href('/articles', f, { page: list.page - 1 })}>{t(f.lang, 'prev')}</Link>}
      <span>
        {t(f.lang, 'page')} {formatNumber(f.lang, list.page)} {t(f.lang, 'of')} {formatNumber(f.lang, list.pages)}
      </span>
      {list.page < list.pages && <Link href={href('/articles', f, { page: list.page + 1 })}>{t(f.lang, 'next')}</Link>}
    </nav>
  );
  return (
    <>
      <p data-testid="article-total" data-value={list.total}>
        <strong>{formatNumber(f.lang, list.total)}</strong> {t(f.lang, 'articles')}
      </p>
      {pager}
      <ArticleTable rows={list.rows} f={f} topicLabels={topicLabels} topicColours={topicColours} />
      {pager}
      <QueryFooter view="articles" query={articleListQuery(f, list.page)} filters={f} />
    </>
  );
}

export default async function ArticlesPage({ searchParams }: { searchParams: SearchParams }) {
  const { filters: f, rejected } = await filtersFrom(searchParams);
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={f.lang} dir={status.dir} missing={status.missing} />;
  const [options, defs] = await Promise.all([getOptions(f.entity), getTopicDefs()]);
  const { colours: topicColours, labels: topicLabels } = topicLook(f.lang, defs);
  return (
    <div data-testid="articles">
      <h1>{t(f.lang, 'articles')}</h1>
      <FilterBar filters={f} options={options} pathname="/articles" topicColours={topicColours} hide={['measure', 'grain']} />
      <RejectedParams lang={f.lang} rejected={rejected} />
      <SearchForm f={f} action="/articles" />
      <FilterSummary f={f} options={options} pathname="/articles" />
      <p>
        <Link href={href('/', f, { page: 1 })}>{t(f.lang, 'backToOverview')}</Link>
      </p>
      <section className="panel">
        <Suspense key={toQuery(f)} fallback={<ChartSkeleton label={t(f.lang, 'loading')} />}>
          <ArticleListSection f={f} topicLabels={topicLabels} topicColours={topicColours} />
        </Suspense>
      </section>
    </div>
  );
}
