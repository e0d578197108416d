import Link from 'next/link';
import { entityHref, type Filters } from '../lib/filters';
import { highlightSegments, type CueSpan, type MentionSpan, type Range, type Segment } from '../lib/highlight';

/**
 * The article body as text nodes and <mark> elements built from offsets; scraped text never reaches the
 * page as HTML. A mention links to its entity page.
 */
export function HighlightedBody({
  body,
  headlineChars,
  lang,
  mentions,
  cues,
  selected = [],
  selectedLabel = '',
  f,
  topicColours,
  topicLabels,
  entityNames,
}: {
  body: string;
  /** Code points of body taken by the headline (articles.headline_chars): shown as the body's heading. */
  headlineChars: number;
  /** articles.lang: the direction of the text follows it. */
  lang: string;
  mentions: readonly MentionSpan[];
  cues: readonly CueSpan[];
  /** Sentences behind the topic or entity the reader came from (code points): marked, the first scrolled to. */
  selected?: readonly Range[];
  selectedLabel?: string;
  f: Filters;
  topicColours: Record<string, string>;
  topicLabels: Record<string, string>;
  entityNames: Record<string, string>;
}) {
  const segments = splitAt(highlightSegments(body, mentions, cues, selected), headlineChars);
  let firstSelected = true;
  let at = 0;
  const inHeadline = segments.map((s) => {
    const inside = at < headlineChars;
    at += Array.from(s.text).length;
    return inside;
  });
  const rendered = segments.map((s, i) => {
    const inner = markOf(s, i);
    if (!s.selected) return inner;
    const first = firstSelected;
    firstSelected = false;
    return (
      <span key={`e${i}`} className="evidence" data-evidence="" id={first ? 'evidence' : undefined} tabIndex={first ? -1 : undefined} title={selectedLabel}>
        {inner}
      </span>
    );
  });
  function markOf(s: Segment, i: number) {
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
  }
  const headline = rendered.filter((_, i) => inHeadline[i]);
  return (
    <div className="article-body" dir={lang === 'ar' ? 'rtl' : 'ltr'} lang={lang} data-testid="article-body">
      {headline.length > 0 && (
        <strong className="article-headline" data-testid="article-headline">
          {headline}
        </strong>
      )}
      {rendered.filter((_, i) => !inHeadline[i])}
    </div>
  );
}

/** Cuts the segment that crosses `offset` (in code points, as headline_chars counts) in two. */
function splitAt(segments: Segment[], offset: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of segments) {
    const chars = Array.from(s.text);
    if (at < offset && offset < at + chars.length) {
      out.push({ ...s, text: chars.slice(0, offset - at).join('') }, { ...s, text: chars.slice(offset - at).join('') });
    } else {
      out.push(s);
    }
    at += chars.length;
  }
  return out;
}
