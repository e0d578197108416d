/** The persons, organisations and places most of the selection's articles name, each with its share of them. */
import Link from 'next/link';
import { getTopEntities } from '../lib/data';
import { entityHref, type Filters } from '../lib/filters';
import { ENTITY_TYPE, formatNumber, formatShare, named, pick, t } from '../lib/i18n';
import { topEntitiesQuery } from '../lib/queries';
import { Empty } from './Empty';
import { QueryFooter } from './QueryFooter';

const TYPES = ['person', 'organization', 'location'] as const;

export async function TopEntities({ f, pathname = '/' }: { f: Filters; pathname?: string }) {
  const rows = await getTopEntities(f);
  if (rows.length === 0) return <Empty f={f} pathname={pathname} />;
  const types = [
    ...TYPES.filter((ty) => rows.some((r) => r.type === ty)),
    ...[...new Set(rows.map((r) => r.type))].filter((ty) => !(TYPES as readonly string[]).includes(ty)),
  ];
  return (
    <>
      <div className="top-entities" data-testid="top-entities">
        {types.map((ty) => (
          <table key={ty} className="list" data-type={ty}>
            <caption>{named(ENTITY_TYPE, f.lang, ty)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(f.lang, 'entity')}</th>
                <th scope="col" className="num">
                  {t(f.lang, 'articles')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.type === ty)
                .map((r) => (
                  <tr key={r.entity_id} data-entity={r.entity_id} data-articles={r.articles}>
                    <td>
                      <Link href={entityHref(r.entity_id, f)}>{pick(f.lang, r.name_ar, r.name_en, r.entity_id)}</Link>
                    </td>
                    <td className="num">
                      {formatNumber(f.lang, r.articles)}{' '}
                      <span className="note">
                        (<bdi dir="ltr">{formatShare(f.lang, r.share)}</bdi>)
                      </span>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
      </div>
      <QueryFooter view="top-entities" query={topEntitiesQuery(f)} filters={f} />
    </>
  );
}
