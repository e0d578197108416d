import { t } from '../lib/i18n';
import type { Lang } from '../lib/lang';

export function RejectedParams({ lang, rejected }: { lang: Lang; rejected: readonly string[] }) {
  if (rejected.length === 0) return null;
  return (
    <p className="notice" role="status" data-testid="rejected-params">
      {t(lang, 'ignoredParams')}: <code>{rejected.join(', ')}</code>
    </p>
  );
}
