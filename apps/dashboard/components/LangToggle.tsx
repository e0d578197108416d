'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import type { Lang } from '../lib/lang';

/** The same view in the other language. A full page load on purpose: the root layout sets <html lang dir>. */
export function LangToggle({ lang }: { lang: Lang }) {
  const pathname = usePathname();
  const params = new URLSearchParams(useSearchParams().toString());
  if (lang === 'ar') params.set('lang', 'en');
  else params.delete('lang');
  const qs = params.toString();
  return (
    <a className="lang-toggle" href={qs ? `${pathname}?${qs}` : pathname} hrefLang={lang === 'ar' ? 'en' : 'ar'} data-testid="lang-toggle">
      {lang === 'ar' ? 'English' : 'العربية'}
    </a>
  );
}
