'use client';
/**
 * The filters, as controls that write the URL: each change pushes the new canonical query string, so the
 * view is a link, history entries are made and back/forward work. The server renders from the URL; the
 * form is keyed on it, so after any navigation it shows what the URL says.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { href, isIsoDate, NO_OUTLET, toQuery, type Filters } from '../lib/filters';
import { pick, t } from '../lib/i18n';
import type { Options } from '../lib/queries';

interface Props {
  filters: Filters;
  options: Options;
  pathname: string;
  topicColours: Record<string, string>;
  /** Controls not offered on this page (e.g. the time grain outside the overview). */
  hide?: readonly ('measure' | 'grain')[];
}

export function FilterBar({ filters, options, pathname, topicColours, hide = [] }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const lang = filters.lang;
  const go = (change: Partial<Filters>) => {
    startTransition(() => router.push(href(pathname, filters, { ...change, page: 1 }), { scroll: false }));
  };
  const toggle = (list: readonly string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

  const outletLabel = (o: Options['outlets'][number]) => (o.id === NO_OUTLET ? t(lang, 'unknownOutlet') : pick(lang, o.name_ar, o.name_en, o.id));
  const multi = (
    name: 'outlets' | 'visits' | 'topics',
    items: { id: string; label: string; colour?: string; extra?: string }[],
  ) => {
    const chosen = filters[name];
    return (
      <div className="field">
        <span>{t(lang, name)}</span>
        <details data-filter={name}>
          <summary>{chosen.length ? `${chosen.length} ${t(lang, 'selected')}` : t(lang, 'all')}</summary>
          <div className="options">
            {items.map((it) => (
              <label key={it.id}>
                <input
                  type="checkbox"
                  name={name}
                  value={it.id}
                  defaultChecked={chosen.includes(it.id)}
                  onChange={(e) => go({ [name]: toggle(chosen, it.id, e.currentTarget.checked) })}
                />
                {it.colour && <span className="swatch" style={{ background: it.colour }} />}
                <span>{it.label}</span>
                {it.extra && <span className="note">{it.extra}</span>}
              </label>
            ))}
          </div>
        </details>
      </div>
    );
  };

  const entityKnown = options.entities.some((e) => e.id === filters.entity);
  return (
    <form
      key={toQuery(filters)}
      className="filters"
      aria-busy={pending}
      data-testid="filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        {t(lang, 'from')}
        <input
          type="date"
          name="from"
          defaultValue={filters.from ?? ''}
          min={options.dates.first ?? undefined}
          max={options.dates.last ?? undefined}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === '' || isIsoDate(v)) go({ from: v || null });
          }}
        />
      </label>
      <label>
        {t(lang, 'to')}
        <input
          type="date"
          name="to"
          defaultValue={filters.to ?? ''}
          min={options.dates.first ?? undefined}
          max={options.dates.last ?? undefined}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === '' || isIsoDate(v)) go({ to: v || null });
          }}
        />
      </label>
      {multi(
        'outlets',
        options.outlets.map((o) => ({ id: o.id, label: outletLabel(o), extra: `(${o.articles})` })),
      )}
      {multi(
        'visits',
        options.visits.map((v) => ({ id: v.id, label: pick(lang, v.label_ar, v.label_en, v.id), extra: v.start_date })),
      )}
      {multi(
        'topics',
        options.topics.map((tp) => ({ id: tp.id, label: pick(lang, tp.label_ar, tp.label_en, tp.id), colour: topicColours[tp.id] })),
      )}
      <label>
        {t(lang, 'entity')}
        <select name="entity" defaultValue={filters.entity ?? ''} onChange={(e) => go({ entity: e.currentTarget.value || null })}>
          <option value="">{t(lang, 'anyEntity')}</option>
          {filters.entity && !entityKnown && <option value={filters.entity}>{filters.entity}</option>}
          {options.entities.map((en) => (
            <option key={en.id} value={en.id}>
              {pick(lang, en.name_ar, en.name_en, en.id)} ({en.articles})
            </option>
          ))}
        </select>
      </label>
      {!hide.includes('measure') && (
        <div className="field">
          <span>{t(lang, 'measure')}</span>
          <div className="segmented" role="group" aria-label={t(lang, 'measure')}>
            {(['count', 'share'] as const).map((m) => (
              <button key={m} type="button" aria-pressed={filters.measure === m} data-measure={m} onClick={() => go({ measure: m })}>
                {t(lang, m)}
              </button>
            ))}
          </div>
        </div>
      )}
      {!hide.includes('grain') && (
        <label>
          {t(lang, 'grain')}
          <select name="grain" defaultValue={filters.grain} onChange={(e) => go({ grain: e.currentTarget.value === 'week' ? 'week' : 'month' })}>
            <option value="month">{t(lang, 'month')}</option>
            <option value="week">{t(lang, 'week')}</option>
          </select>
        </label>
      )}
      <label className="inline">
        <input type="checkbox" name="dups" defaultChecked={filters.dups} onChange={(e) => go({ dups: e.currentTarget.checked })} />
        {t(lang, 'dups')}
      </label>
      <Link href={href(pathname, { ...filters, from: null, to: null, outlets: [], visits: [], topics: [], entity: null, dups: false, page: 1 })}>
        {t(lang, 'reset')}
      </Link>
    </form>
  );
}
