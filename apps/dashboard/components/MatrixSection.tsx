/**
 * The overview's lead: outlets × visits (tours as column groups, their stops beneath, by date). A cell
 * says how many of the outlet's articles are about that stop and which topics lead among them, each with
 * its share of those articles; the number links to the articles.
 */
import Link from 'next/link';
import { getVisitMatrix } from '../lib/data';
import { href, type Filters } from '../lib/filters';
import { outletName, pick, t } from '../lib/i18n';
import { visitMatrixQuery, type VisitMatrixRow } from '../lib/queries';
import { topicSeries, type TopicDefRow } from '../lib/topics';
import { Empty } from './Empty';
import { VisitMatrixTable } from './HeatTables';
import { QueryFooter } from './QueryFooter';

/** How many leading topics a cell names. */
const LEADING = 3;

interface Column {
  readonly visit: string;
  readonly label: string;
  readonly date: string;
  readonly tour: string;
}

export function matrixLayout(rows: readonly VisitMatrixRow[], lang: Filters['lang']) {
  const columns: Column[] = [];
  const outlets = new Map<string, { label: string; total: number }>();
  const cells = new Map<string, { total: number; topics: { id: string; n: number; share: number }[] }>();
  for (const r of rows) {
    if (!columns.some((c) => c.visit === r.visit_id)) {
      columns.push({ visit: r.visit_id, label: pick(lang, r.label_ar, r.label_en, r.visit_id), date: r.start_date, tour: r.tour });
    }
    const o = outlets.get(r.outlet_id) ?? { label: outletName(lang, r.outlet_id, r.outlet_ar, r.outlet_en), total: 0 };
    outlets.set(r.outlet_id, o);
    const key = `${r.outlet_id}\u0000${r.visit_id}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { total: r.total, topics: [] };
      cells.set(key, cell);
      o.total += r.total;
    }
    if (r.topic_id && r.rank <= LEADING) cell.topics.push({ id: r.topic_id, n: r.n, share: r.share });
  }
  const tours: { tour: string; span: number }[] = [];
  for (const c of columns) {
    const last = tours.at(-1);
    if (last && last.tour === c.tour) last.span++;
    else tours.push({ tour: c.tour, span: 1 });
  }
  const outletOrder = [...outlets.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
  return { columns, tours, outlets: outletOrder, cells };
}

export async function MatrixSection({ f, defs }: { f: Filters; defs: readonly TopicDefRow[] }) {
  const rows = await getVisitMatrix(f);
  const toggle = (
    <p className="toggle" data-testid="links-toggle">
      {(['primary', 'all'] as const).map((mode) =>
        f.links === mode ? (
          <strong key={mode} aria-current="true">
            {t(f.lang, mode === 'primary' ? 'linksPrimary' : 'linksAll')}
          </strong>
        ) : (
          <Link key={mode} href={href('/', f, { links: mode, page: 1 })} data-links={mode}>
            {t(f.lang, mode === 'primary' ? 'linksPrimary' : 'linksAll')}
          </Link>
        ),
      )}
    </p>
  );
  if (rows.length === 0)
    return (
      <>
        {toggle}
        <Empty f={f} />
      </>
    );
  const { columns, tours, outlets, cells } = matrixLayout(rows, f.lang);
  const labels = new Map(
    topicSeries(
      f.lang,
      defs,
      rows.flatMap((r) => (r.topic_id ? [r.topic_id] : [])),
    ).map((s) => [s.id, s.label]),
  );
  const tourLabel = (tour: string) => {
    const stops = columns.filter((c) => c.tour === tour);
    return stops.length > 1 ? `${t(f.lang, 'tour')} \u2066${stops[0]!.date.slice(0, 7)}\u2069` : '';
  };
  const cellProps: Record<string, Record<string, [number, [string, number, number][]]>> = {};
  for (const [key, cell] of cells) {
    const [outlet, visit] = key.split('\u0000') as [string, string];
    (cellProps[outlet] ??= {})[visit] = [cell.total, cell.topics.map((tp) => [tp.id, tp.n, tp.share])];
  }
  return (
    <>
      {toggle}
      <VisitMatrixTable
        f={f}
        columns={columns}
        tours={tours.map((g) => ({ ...g, label: tourLabel(g.tour) }))}
        outlets={outlets.map(([id, o]) => [id, o.label] as const)}
        cells={cellProps}
        topicLabels={Object.fromEntries(labels)}
      />
      <QueryFooter view="visit-matrix" query={visitMatrixQuery(f)} filters={f} />
    </>
  );
}
