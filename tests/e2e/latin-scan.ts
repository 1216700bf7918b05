// The scan of the pages a journey visits in Chinese mode (the rule itself: tests/helpers/latin.ts).
import type { Page } from 'playwright-core';
import { latinLeaks } from '../helpers/latin.ts';

export { latinLeaks };

/** The text a person sees on the page: the rendered text, the document title and the visible placeholders and labels of controls. */
export async function visibleText(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) parts.push(el.getAttribute('placeholder'));
    for (const el of document.querySelectorAll('[aria-label]')) parts.push(el.getAttribute('aria-label'));
    for (const el of document.querySelectorAll('option')) parts.push(el.textContent);
    return parts.join('\\n');
  })()`)) as string;
}

/** Collects the leaks of pages visited in Chinese mode; `expectNone()` at the end lists them all with where they were. */
export function leakCollector() {
  const found: string[] = [];
  return {
    async scan(page: Page, where: string): Promise<void> {
      const text = await visibleText(page);
      const leaks = latinLeaks(text);
      if (leaks.length === 0) return;
      const lines = text.split('\n').filter((l) => latinLeaks(l).length > 0).slice(0, 8);
      console.warn(`Latin on ${where}: ${[...new Set(leaks)].join(', ')}`);
      found.push(`${where} (${new URL(page.url()).pathname}): ${[...new Set(leaks)].join(', ')}\n    ${lines.join('\n    ')}`);
    },
    found,
  };
}
