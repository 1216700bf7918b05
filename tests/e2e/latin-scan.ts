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
    const codes = ${options.codes === 'shown'} ? [...document.querySelectorAll('main code')] : [];
    const hidden = codes.map((el) => [el, el.style.display]);
    for (const el of codes) el.style.display = 'none';
    const body = document.body.innerText;
    for (const [el, display] of hidden) el.style.display = display;
    // a control's label may name the code it acts on (e.g. a key): the code, not the words, is left out
    const codeTexts = codes.map((el) => el.textContent).filter(Boolean).sort((a, b) => b.length - a.length);
    const withoutCodes = (text) => codeTexts.reduce((t, c) => t.split(c).join(''), text);
    const parts = [document.title, body];
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) parts.push(el.getAttribute('placeholder'));
    for (const el of document.querySelectorAll('[aria-label]')) {
      // Ant Design's own icons and number steppers: the library's English labels, not ours
      if (el.closest('.anticon') || (el.closest('.ant-input-number') && el.tagName !== 'INPUT')) continue;
      parts.push(withoutCodes(el.getAttribute('aria-label')));
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
