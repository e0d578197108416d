/**
 * GET /api/export/<view>?<filters>&format=csv|parquet|arrow[&id=<entity id>]: the rows of one view, as
 * drawn, in a file. Filters are parsed and bound exactly as for the page that shows the view.
 */
import type { NextRequest } from 'next/server';
import { isQueryTimeout, isWarehouseMissing, queryToFile, runQuery, warehouseStatus } from '../../../../lib/data';
import { CONTENT_TYPES, CSV_BOM, exportFileName, EXTENSIONS, toArrowIpc, type ExportFormat } from '../../../../lib/export';
import { isEntityId, parseFilters } from '../../../../lib/filters';
import { isViewName, viewQuery, VIEWS } from '../../../../lib/views';

// Bodies are fixed sentences: nothing the request said is repeated back.
const text = (status: number, body: string, extra: Record<string, string> = {}) =>
  new Response(`${body}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...extra },
  });

export async function GET(request: NextRequest, ctx: { params: Promise<{ view: string }> }) {
  const { view } = await ctx.params;
  if (!isViewName(view)) return text(404, `no such view; the views are: ${Object.keys(VIEWS).join(', ')}`);
  const sp = request.nextUrl.searchParams;
  const format = sp.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'parquet' && format !== 'arrow') return text(400, 'format must be csv, parquet or arrow');
  const id = sp.get('id');
  if (id !== null && !isEntityId(id)) return text(400, 'id is not an entity id');
  const { filters, rejected } = parseFilters(sp);
  if (rejected.length) return text(400, `invalid values for: ${rejected.join(', ')}`);
  const query = viewQuery(view, filters, id);
  if (!query) return text(400, 'this view needs an entity id (id=…)');
  const status = warehouseStatus();
  if (!status.ok) return text(503, `no warehouse at ${status.dir}: create it with \`npx turbo run ingest\` or \`npx mirsad ingest PATH… --out DIR\``);
  try {
    const f = format as ExportFormat;
    let body: Uint8Array;
    if (f === 'arrow') body = toArrowIpc(await runQuery(query), query.columns);
    else {
      const file = await queryToFile(query, f);
      body = f === 'csv' ? Buffer.concat([Buffer.from(CSV_BOM), file]) : file;
    }
    const name = exportFileName(view, filters, id, EXTENSIONS[f]);
    return new Response(body as BodyInit, {
      headers: {
        'content-type': CONTENT_TYPES[f],
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (err) {
    if (isWarehouseMissing(err)) return text(503, err.message);
    if (isQueryTimeout(err))
      return text(503, `the export did not finish in time (${err.message}); try again later or narrow the filters`, { 'retry-after': '5' });
    console.error(err);
    return text(500, 'the export query failed (see the server log)');
  }
}
