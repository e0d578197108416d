import Link from 'next/link';
import { href, type Filters } from '../lib/filters';
import { outletName, pick, t } from '../lib/i18n';
import type { Options } from '../lib/queries';

/** What the current link selects, in words, each part removable: a drill-down says what it lists. */
export function FilterSummary({ f, options, pathname }: { f: Filters; options: Options; pathname: string }) {
  const lang = f.lang;
  const outletLabel = (id: string) => {
    const o = options.outlets.find((x) => x.id === id);
    return outletName(lang, id, o?.name_ar ?? null, o?.name_en ?? null);
  };
  const visitName = (id: string) => {
    const v = options.visits.find((x) => x.id === id);
    return v ? pick(lang, v.label_ar, v.label_en, id) : id;
  };
  const topicName = (id: string) => {
    const tp = options.topics.find((x) => x.id === id);
    return tp ? pick(lang, tp.label_ar, tp.label_en, id) : id;
  };
  const entityName = (id: string) => {
    const e = options.entities.find((x) => x.id === id);
    return e ? pick(lang, e.name_ar, e.name_en, id) : id;
  };
  const parts: { key: string; label: string; without: Partial<Filters> }[] = [];
  if (f.from || f.to) parts.push({ key: 'dates', label: `${f.from ?? '…'} – ${f.to ?? '…'}`, without: { from: null, to: null } });
  for (const id of f.outlets)
    parts.push({ key: `o:${id}`, label: `${t(lang, 'outlet')}: ${outletLabel(id)}`, without: { outlets: f.outlets.filter((x) => x !== id) } });
  for (const id of f.visits)
    parts.push({ key: `v:${id}`, label: `${t(lang, 'visits')}: ${visitName(id)}`, without: { visits: f.visits.filter((x) => x !== id) } });
  for (const id of f.topics)
    parts.push({ key: `t:${id}`, label: `${t(lang, 'topics')}: ${topicName(id)}`, without: { topics: f.topics.filter((x) => x !== id) } });
  if (f.entity) parts.push({ key: 'e', label: `${t(lang, 'entity')}: ${entityName(f.entity)}`, without: { entity: null } });
  if (f.q) parts.push({ key: 'q', label: `${t(lang, 'search')}: «${f.q}»`, without: { q: null } });
  if (f.links === 'all') parts.push({ key: 'links', label: t(lang, 'linksAll'), without: { links: 'primary' } });
  if (parts.length === 0) return null;
  return (
    <p className="chips filter-summary" data-testid="filter-summary">
      <span>{t(lang, 'filtersApplied')}:</span>
      {parts.map((p) => (
        <Link key={p.key} className="chip" href={href(pathname, f, { ...p.without, page: 1 })}>
          {p.label} ✕
        </Link>
      ))}
    </p>
  );
}
