'use client';
import { useEffect } from 'react';

/** Brings the first marked evidence sentence into view once the article is shown (and gives it focus for keyboard and screen-reader users). */
export function ScrollToEvidence() {
  useEffect(() => {
    const first = document.querySelector<HTMLElement>('[data-evidence]');
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }, []);
  return null;
}
