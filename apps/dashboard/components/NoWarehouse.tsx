import { t } from '../lib/i18n';
import type { Lang } from '../lib/lang';

export function NoWarehouse({ lang, dir, missing }: { lang: Lang; dir: string; missing: readonly string[] }) {
  return (
    <section className="panel" data-testid="no-warehouse">
      <h1>{t(lang, 'noWarehouseTitle')}</h1>
      <p>
        {t(lang, 'noWarehouseBody')} <code>{dir}</code>
      </p>
      <pre>
        {'npx turbo run ingest            # the sample corpus (data/raw) into data/warehouse\n'}
        {`npx mirsad ingest PATH… --out ${dir}`}
      </pre>
      <p className="note">
        {t(lang, 'missingTables')}: <code>{missing.join(', ')}</code>
      </p>
    </section>
  );
}
