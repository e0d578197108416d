import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HighlightedBody } from '../../../components/HighlightedBody';
import { ScrollToEvidence } from '../../../components/ScrollToEvidence';
import { occurrences, sentencesOf } from '../../../lib/highlight';
import { NoWarehouse } from '../../../components/NoWarehouse';
import { DataTable } from '../../../components/DataTable';
import { getArticle, getTopicDefs, warehouseStatus } from '../../../lib/data';
import { entityHref, href, isArticleId } from '../../../lib/filters';
import { DATE_SOURCE, named, outletName, pick, t } from '../../../lib/i18n';
import { filtersFrom, type SearchParams } from '../../../lib/page';
import { topicLook } from '../../../lib/topics';

const safeUrl = (u: string | null): string | null => {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
};

export default async function ArticlePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id } = await params;
  const { filters: f } = await filtersFrom(searchParams);
  if (!isArticleId(id)) notFound();
  const status = warehouseStatus();
  if (!status.ok) return <NoWarehouse lang={f.lang} dir={status.dir} missing={status.missing} />;
  const [detail, defs] = await Promise.all([getArticle(id), getTopicDefs()]);
  if (!detail) notFound();
  const { article: a, mentions, topics, topicEvidence, visits } = detail;
  const { colours: topicColours, labels: topicLabels } = topicLook(f.lang, defs);
  const entityNames = Object.fromEntries(mentions.map((m) => [m.entity_id, pick(f.lang, m.name_ar, m.name_en, m.entity_id)]));
  const url = safeUrl(a.url);
  // The evidence for what the reader came from: the entity's mentions, or the cue occurrences that
  // counted toward the selected topics (topic_evidence; a warehouse without their offsets: the cues as written).
  const topicSpans = topicEvidence.filter((e) => f.topics.includes(e.topic_id));
  const spans = f.entity
    ? mentions.filter((m) => m.entity_id === f.entity)
    : f.topics.length
      ? topicSpans.length
        ? topicSpans
        : occurrences(
            a.body,
            topics.filter((tp) => f.topics.includes(tp.topic_id)).flatMap((tp) => tp.evidence ?? []),
          )
      : [];
  const selected = sentencesOf(a.body, spans);
  const selectedLabel = f.entity ? (entityNames[f.entity] ?? f.entity) : f.topics.map((id) => topicLabels[id] ?? id).join('، ');
  const mentionCounts = new Map<string, number>();
  for (const m of mentions) mentionCounts.set(m.entity_id, (mentionCounts.get(m.entity_id) ?? 0) + 1);
  return (
    <article data-testid="article" data-article={a.article_id}>
      <p>
        <Link href={href('/articles', f)}>{t(f.lang, 'articles')}</Link>
      </p>
      <h1 lang={a.lang} dir={a.lang === 'ar' ? 'rtl' : 'ltr'}>
        {a.title}
      </h1>
      <dl className="article-meta">
        <dt>{t(f.lang, 'outlet')}</dt>
        <dd>{outletName(f.lang, a.outlet_id, a.outlet_ar, a.outlet_en)}</dd>
        <dt>{t(f.lang, 'date')}</dt>
        <dd>
          <span className="num">{a.published_date ?? '—'}</span>
          {a.date_source && (
            <span className="note" data-testid="date-source">
              {' '}
              ({t(f.lang, 'dateSource')}: {named(DATE_SOURCE, f.lang, a.date_source)})
            </span>
          )}
        </dd>
        <dt>{t(f.lang, 'source')}</dt>
        <dd>
          <code>{a.source}</code>
          {url && (
            <>
              {' · '}
              <a href={url} rel="noopener noreferrer nofollow" target="_blank" className="ltr">
                {url}
              </a>
            </>
          )}
        </dd>
        {a.duplicate_of && (
          <>
            <dt>{t(f.lang, 'duplicateOf')}</dt>
            <dd>
              <Link href={href(`/articles/${a.duplicate_of}`, f)}>{a.duplicate_of}</Link>
            </dd>
          </>
        )}
      </dl>
      <div className="side-by-side">
        <section>
          <h2>{t(f.lang, 'body')}</h2>
          <div className="key">
            <span>{t(f.lang, 'legend')}:</span>
            <mark className="mention">{t(f.lang, 'legendMention')}</mark>
            <mark className="cue">{t(f.lang, 'legendCue')}</mark>
          </div>
          {(f.entity || f.topics.length > 0) && (
            <p className="notice" data-testid="evidence-note" data-sentences={selected.length}>
              {selected.length > 0
                ? t(f.lang, 'evidenceShown').replace('{n}', String(selected.length)).replace('{what}', selectedLabel)
                : t(f.lang, 'evidenceNone').replace('{what}', selectedLabel)}
            </p>
          )}
          <ScrollToEvidence />
          <HighlightedBody
            body={a.body}
            selected={selected}
            selectedLabel={selectedLabel}
            headlineChars={a.headline_chars}
            lang={a.lang}
            mentions={mentions}
            cues={topics.map((tp) => ({ topic_id: tp.topic_id, evidence: tp.evidence ?? [] }))}
            f={f}
            topicColours={topicColours}
            topicLabels={topicLabels}
            entityNames={entityNames}
          />
        </section>
        <aside className="stack">
          <section className="panel">
            <h2>{t(f.lang, 'visitsMatched')}</h2>
            <p className="note">{t(f.lang, 'visitScoreExplain')}</p>
            {visits.length === 0 ? (
              <p className="note">—</p>
            ) : (
              <table className="list" data-testid="article-visits">
                <tbody>
                  {visits.map((v) => (
                    <tr key={v.visit_id} data-visit={v.visit_id} data-primary={v.is_primary ? '1' : '0'}>
                      <td>
                        <Link href={href('/articles', { ...f, visits: [v.visit_id] }, { page: 1 })}>{pick(f.lang, v.label_ar, v.label_en, v.visit_id)}</Link>
                        <div className="note num ltr">
                          {v.start_date}
                          {v.end_date !== v.start_date ? ` – ${v.end_date}` : ''}
                        </div>
                      </td>
                      <td className="num" title={t(f.lang, 'score')}>
                        {v.score.toFixed(2)}
                        <div className="note">{t(f.lang, v.is_primary ? 'primaryStop' : 'otherStop')}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel">
            <h2>{t(f.lang, 'topicsFound')}</h2>
            <p className="note">{t(f.lang, 'topicScoreNote')}</p>
            <DataTable
              lang={f.lang}
              testId="article-topics"
              rows={topics}
              rowKey={(tp) => tp.topic_id}
              columns={[
                {
                  head: 'topics',
                  cell: (tp) => (
                    <>
                      <span className="swatch" style={{ background: topicColours[tp.topic_id] }} /> {topicLabels[tp.topic_id] ?? tp.topic_id}
                    </>
                  ),
                },
                {
                  head: 'score',
                  num: true,
                  cell: (tp) => (
                    <span title={t(f.lang, 'topicScoreExplain').replace('{hits}', String(tp.hits)).replace('{score}', tp.score.toFixed(2))}>
                      {tp.score.toFixed(2)}
                      <span className="note"> · {t(f.lang, 'cuesN').replace('{n}', String(tp.hits))}</span>
                    </span>
                  ),
                },
                {
                  head: 'evidence',
                  cell: (tp) => (
                    <span lang="ar" dir="rtl">
                      {(tp.evidence ?? []).join('، ')}
                    </span>
                  ),
                },
              ]}
            />
          </section>
          <section className="panel">
            <h2>{t(f.lang, 'mentionsFound')}</h2>
            <ul data-testid="article-entities">
              {[...mentionCounts].map(([eid, n]) => (
                <li key={eid}>
                  <Link href={entityHref(eid, f)}>{entityNames[eid]}</Link> <span className="note">×{n}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </article>
  );
}
