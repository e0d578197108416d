/** How topics look in the UI: a label in the UI's language and a colour that is the same under every filter. */
import { pick } from './i18n';
import type { Lang } from './lang';
import { topicColour } from './palette';
import type { TopicDefRow } from './queries';

export type { TopicDefRow };

export interface TopicSeries {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
}

export interface TopicLook {
  readonly colours: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

export function topicLook(lang: Lang, defs: readonly TopicDefRow[]): TopicLook {
  const ids = defs.map((d) => d.topic_id);
  return {
    colours: Object.fromEntries(ids.map((id) => [id, topicColour(id, ids)])),
    labels: Object.fromEntries(defs.map((d) => [d.topic_id, pick(lang, d.label_ar, d.label_en, d.topic_id)])),
  };
}

/**
 * The series a chart draws: the topics present in its rows, in taxonomy order, then any topic the
 * warehouse has but the taxonomy no longer defines (labelled by id, never dropped).
 */
export function topicSeries(lang: Lang, defs: readonly TopicDefRow[], present: Iterable<string>): TopicSeries[] {
  const all = defs.map((d) => d.topic_id);
  const have = new Set(present);
  const unknown = [...have].filter((id) => !all.includes(id)).sort();
  return [
    ...defs
      .filter((d) => have.has(d.topic_id))
      .map((d) => ({ id: d.topic_id, label: pick(lang, d.label_ar, d.label_en, d.topic_id), colour: topicColour(d.topic_id, all) })),
    ...unknown.map((id) => ({ id, label: id, colour: topicColour(id, [...all, ...unknown]) })),
  ];
}
