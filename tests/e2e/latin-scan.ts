// The scan of the pages a journey visits in Chinese mode (the rule itself: tests/helpers/latin.ts).
import type { Page } from 'playwright-core';
import { latinLeaks } from '../helpers/latin.ts';

export { latinLeaks };

/**
 * The text a person sees on the page: the rendered text, the document title, placeholders, the labels
 * of controls and the options of selects. Ant Design's own icons and number steppers carry English
 * aria-labels of the library (not ours) and are left out. `codes: 'shown'` (the catalog editors,
 * whose work is codes) leaves out what a page marks as a code with <code>.
 */
export async function visibleText(page: Page, options: { codes?: 'shown' } = {}): Promise<string> {
  return (await page.evaluate(`(() => {
    let body = document.body.innerText;
    if (${options.codes === 'shown'}) for (const el of document.querySelectorAll('main code')) body = body.replace(el.innerText, '');
    const parts = [document.title, body];
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) parts.push(el.getAttribute('placeholder'));
    for (const el of document.querySelectorAll('[aria-label]')) {
      if (el.closest('.anticon, .ant-input-number-handler-wrap')) continue;
      parts.push(el.getAttribute('aria-label'));
    }
    for (const el of document.querySelectorAll('option')) parts.push(el.textContent);
    return parts.join('\\n');
  })()`)) as string;
}

/** Collects the leaks of pages visited in Chinese mode; `expectNone()` at the end lists them all with where they were. */
export function leakCollector() {
  const found: string[] = [];
  return {
    async scan(page: Page, where: string, options: { codes?: 'shown' } = {}): Promise<void> {
      const text = await visibleText(page, options);
      const leaks = latinLeaks(text);
      if (leaks.length === 0) return;
      const lines = text.split('\n').filter((l) => latinLeaks(l).length > 0).slice(0, 8);
      console.warn(`Latin on ${where}: ${[...new Set(leaks)].join(', ')}`);
      found.push(`${where} (${new URL(page.url()).pathname}): ${[...new Set(leaks)].join(', ')}\n    ${lines.join('\n    ')}`);
    },
    found,
  };
}
