import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import './globals.css';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { LangToggle } from '../components/LangToggle';
import { t } from '../lib/i18n';
import { dirOf, LANG_HEADER, parseLang } from '../lib/lang';

export const metadata: Metadata = {
  title: 'مرصد · Mirsad',
  description: 'Topics of Arabic news coverage of US officials’ visits to the Maghreb, by outlet and by visit.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = parseLang((await headers()).get(LANG_HEADER));
  const home = lang === 'en' ? '/?lang=en' : '/';
  return (
    <html lang={lang} dir={dirOf(lang)}>
      <body>
        <a className="skip-link" href="#main">
          {t(lang, 'skip')}
        </a>
        <header className="site-header">
          <Link href={home} className="brand">
            <span className="brand-name">{t(lang, 'appName')}</span>
            <span className="brand-tagline">{t(lang, 'tagline')}</span>
          </Link>
          <nav className="site-nav">
            <Link href={home}>{t(lang, 'overview')}</Link>
            <Link href={lang === 'en' ? '/articles?lang=en' : '/articles'}>{t(lang, 'articles')}</Link>
            <Link href={lang === 'en' ? '/articles?lang=en#q' : '/articles#q'}>{t(lang, 'search')}</Link>
            <Link href={lang === 'en' ? '/entities?lang=en' : '/entities'}>{t(lang, 'entityIndex')}</Link>
            <Link href={lang === 'en' ? '/compare?lang=en' : '/compare'}>{t(lang, 'compare')}</Link>
            <Suspense fallback={null}>
              <LangToggle lang={lang} />
            </Suspense>
          </nav>
        </header>
        <main className="site-main" id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
