'use client';
/**
 * The filters, as controls that write the URL: each change pushes the new canonical query string, so the
 * view is a link, history entries are made and back/forward work. The server renders from the URL; the
 * form is keyed on it, so after any navigation it shows what the URL says. Which list is open lives
 * outside the form, so ticking several outlets in a row does not close the list after each one.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { isIsoDate } from '@mirsad/model/dates';
import { CLEARED, href, toQuery, type Filters } from '../lib/filters';
import { outletName, pick, t, type StringKey } from '../lib/i18n';
import type { Options } from '../lib/queries';

interface Props {
  filters: Filters;
  options: Options;
  pathname: string;
  topicColours: Readonly<Record<string, string>>;
  /** Controls not offered on this page (e.g. the time grain outside the overview). */
  hide?: readonly ('measure' | 'grain')[];
}

type ListName = 'outlets' | 'visits' | 'topics';
interface Item {
  id: string;
  label: string;
  colour?: string;
  extra?: string;
}

/**
 * A date that reaches the URL when the user is done with it (Enter, or leaving the field): committing on
 * every change would navigate mid-typing, at the year "0202" of "2020", and take the focus away.
 */
function DateField({
  name,
  label,
  value,
  min,
  max,
  onCommit,
}: {
  name: 'from' | 'to';
  label: string;
  value: string | null;
  min: string | null;
  max: string | null;
  onCommit: (v: string | null) => void;
}) {
  const commit = (v: string) => {
    if (v === (value ?? '')) return;
    if (v === '') onCommit(null);
    else if (isIsoDate(v) && v >= '1000-01-01') onCommit(v);
  };
  return (
    <label>
      {label}
      <input
        type="date"
        name={name}
        defaultValue={value ?? ''}
        min={min ?? undefined}
        max={max ?? undefined}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
    </label>
  );
}

export function FilterBar({ filters, options, pathname, topicColours, hide = [] }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [openList, setOpenList] = useState<ListName | null>(null);
  // The form is rebuilt for each new URL (key below): put the focus back on the control just used,
  // instead of letting it fall to the page's body.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (!refocus.current) return;
    document.querySelector<HTMLElement>(refocus.current)?.focus();
    refocus.current = null;
  }, [filters]);
  const lang = filters.lang;
  const go = (change: Partial<Filters>) => {
    startTransition(() => router.push(href(pathname, filters, { ...change, page: 1 }), { scroll: false }));
  };

  const multi = (name: ListName, items: readonly Item[]) => {
    const chosen = filters[name];
    return (
      <div className="field">
        <span>{t(lang, name)}</span>
        <details
          data-filter={name}
          open={openList === name}
          onToggle={(e) => {
            const open = e.currentTarget.open;
            setOpenList((cur) => (open ? name : cur === name ? null : cur));
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || openList !== name) return;
            e.preventDefault();
            setOpenList(null);
            e.currentTarget.querySelector('summary')?.focus();
          }}
        >
          <summary>{chosen.length ? `${chosen.length} ${t(lang, 'selected')}` : t(lang, 'all')}</summary>
          <div className="options">
            {items.map((it) => (
              <label key={it.id}>
                <input
                  type="checkbox"
                  name={name}
                  value={it.id}
                  defaultChecked={chosen.includes(it.id)}
                  onChange={(e) => {
                    refocus.current = `input[name="${name}"][value="${CSS.escape(it.id)}"]`;
                    go({ [name]: e.currentTarget.checked ? [...chosen, it.id] : chosen.filter((x) => x !== it.id) });
                  }}
                />
                {it.colour && <span className="swatch" style={{ background: it.colour }} />}
                <span>{it.label}</span>
                {it.extra && <span className="note ltr">{it.extra}</span>}
              </label>
            ))}
          </div>
        </details>
      </div>
    );
  };
  const date = (name: 'from' | 'to', label: StringKey) => (
    <DateField
      name={name}
      label={t(lang, label)}
      value={filters[name]}
      min={options.dates.first}
      max={options.dates.last}
      onCommit={(v) => go({ [name]: v })}
    />
  );

  const entityKnown = options.entities.some((e) => e.id === filters.entity);
  return (
    <form key={toQuery(filters)} className="filters" aria-busy={pending} data-testid="filters" onSubmit={(e) => e.preventDefault()}>
      {date('from', 'from')}
      {date('to', 'to')}
      {multi(
        'outlets',
        options.outlets.map((o) => ({ id: o.id, label: outletName(lang, o.id, o.name_ar, o.name_en), extra: `(${o.articles})` })),
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
        <select
          name="entity"
          defaultValue={filters.entity ?? ''}
          onChange={(e) => {
            refocus.current = 'select[name="entity"]';
            go({ entity: e.currentTarget.value || null });
          }}
        >
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
      <Link href={href(pathname, { ...filters, ...CLEARED, page: 1 })}>{t(lang, 'reset')}</Link>
    </form>
  );
}
