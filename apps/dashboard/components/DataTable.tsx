import type { ReactNode } from 'react';
import { t, type StringKey } from '../lib/i18n';
import type { Lang } from '../lib/lang';

export interface Column<R> {
  readonly head: StringKey;
  readonly cell: (row: R) => ReactNode;
  /** Figures: tabular digits, kept on one line. */
  readonly num?: boolean;
}

/** Rows as a table with translated headings, or a dash when there are none. */
export function DataTable<R>({
  lang,
  rows,
  columns,
  rowKey,
  testId,
}: {
  lang: Lang;
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
  testId: string;
}) {
  if (rows.length === 0) return <p className="note">—</p>;
  return (
    <table className="list" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.head}>{t(lang, c.head)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)}>
            {columns.map((c) => (
              <td key={c.head} className={c.num ? 'num' : undefined}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
