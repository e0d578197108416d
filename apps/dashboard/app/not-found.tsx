import Link from 'next/link';
import { t, type StringKey } from '../lib/i18n';

const both = (key: StringKey) => `${t('ar', key)} · ${t('en', key)}`;

export default function NotFound() {
  return (
    <section className="panel" data-testid="not-found">
      <h1>{both('notFound')}</h1>
      <p>{both('notFoundBody')}</p>
      <p>
        <Link href="/">{both('backToOverview')}</Link>
      </p>
    </section>
  );
}
