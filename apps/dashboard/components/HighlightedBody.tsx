import Link from 'next/link';
import { entityHref, type Filters } from '../lib/filters';
import { highlightSegments, type CueSpan, type MentionSpan } from '../lib/highlight';

/**
 * The article body as text nodes and <mark> elements built from offsets; scraped text never reaches the
 * page as HTML. A mention links to its entity page.
 */
export function HighlightedBody({ body, mentions, cues, f, topicColours, topicLabels, entityNames }: {
  body: string;
  mentions: readonly MentionSpan[];
  cues: readonly CueSpan[];
  f: Filters;
  topicColours: Record<string, string>;
  topicLabels: Record<string, string>;
  entityNames: Record<string, string>;
}) {
  const segments = highlightSegments(body, mentions, cues);
  return (
    <div className="article-body" dir="rtl" lang="ar" data-testid="article-body">
      {segments.map((s, i) => {
        if (s.entities.length === 0 && s.topics.length === 0) return s.text;
        const topic = s.topics[0];
        const classes = [s.entities.length ? 'mention' : '', s.topics.length ? 'cue' : ''].filter(Boolean).join(' ');
        const title = [...s.entities.map((e) => entityNames[e] ?? e), ...s.topics.map((tp) => topicLabels[tp] ?? tp)].join(' · ');
        const mark = (
          <mark
            key={i}
            className={classes}
            title={title}
            data-entity={s.entities.join(' ') || undefined}
            data-topic={s.topics.join(' ') || undefined}
            style={topic ? ({ '--cue': topicColours[topic] } as React.CSSProperties) : undefined}
          >
            {s.text}
          </mark>
        );
        const entity = s.entities[0];
        return entity ? (
          <Link key={i} href={entityHref(entity, f)}>
            {mark}
          </Link>
        ) : (
          mark
        );
      })}
    </div>
  );
}
