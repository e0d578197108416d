import Link from 'next/link';
import { CLEARED, href, type Filters } from '../lib/filters';
import { t } from '../lib/i18n';

export function Empty({ f, pathname = '/' }: { f: Filters; pathname?: string }) {
  return (
    <p className="empty" data-testid="empty">
      {t(f.lang, 'noData')} <Link href={href(pathname, { ...f, ...CLEARED })}>{t(f.lang, 'reset')}</Link>
    </p>
  );
}
