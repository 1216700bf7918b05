// A parent on a phone finds 新生儿出生, answers the guidance questions and reads the one notice;
// then reads it in English and turns on elderly mode, which stays on after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, checkA11y, countDownloads, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';

const MAX_QUESTIONS = 12;
/** what a phone may download for the theme list and a theme page (compressed) */
const PAGE_BUDGET_BYTES = 150 * 1024;

/** Answers every question the page asks by clicking the first option of each; returns how many. */
async function answerAllQuestions(page: Page): Promise<number> {
  const status = page.locator('.guidance [data-pending]');
  for (let asked = 0; asked < MAX_QUESTIONS; asked++) {
    await expect.poll(() => status.count()).toBe(1);
    if ((await status.getAttribute('data-pending')) === '0') return asked;
    const questions = await page.locator('fieldset.question').count();
    await page.locator('fieldset.question').last().locator('label.option').first().click();
    // the server answers with the next question, or with nothing pending
    await expect
      .poll(async () => (await status.getAttribute('data-pending')) === '0' || (await page.locator('fieldset.question').count()) > questions)
      .toBe(true);
  }
  throw new Error(`still questions pending after ${MAX_QUESTIONS} answers`);
}

async function focusedText(page: Page): Promise<{ tag: string; id: string; text: string }> {
  return (await page.evaluate(
    '({ tag: document.activeElement.tagName, id: document.activeElement.id, text: document.activeElement.textContent.trim() })',
  )) as { tag: string; id: string; text: string };
}

describe.skipIf(!browserAvailable())('citizen opens the newborn notice', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('finds 新生儿出生 on a phone, answers the questions and reads the one notice', async () => {
    const page = await h.newPage(PHONE);
    const downloads = countDownloads(page);
    await page.goto('/');
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/共 29 个主题/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('一件事一次办');
    await expect(page.getByRole('heading', { level: 2, name: /个人全生命周期/ }).count()).resolves.toBe(1);
    // keyboard, from the top of the fresh page: the skip link first, then the search box, then a theme card
    await page.keyboard.press('Tab');
    const first = await focusedText(page);
    expect(first.text, `first Tab lands on ${JSON.stringify(first)}`).toBe('跳到主要内容');
    let reached = false;
    for (let i = 0; i < 15 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedText(page)).id === 'theme-search';
    }
    expect(reached, 'Tab reaches the search box').toBe(true);
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline, 'the focused search box shows an outline').not.toBe('none');
    reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement.classList.contains("card-link")')) as boolean;
    }
    expect(reached, 'Tab reaches a theme card').toBe(true);

    await checkA11y(page, 'home');
    await expectNoHorizontalScroll(page, 'home');
    await screenshot(page, 'citizen-home-phone');

    // search
    await page.getByLabel('搜索主题').fill('出生');
    await page.getByLabel('搜索主题').press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/找到 \d+ 个与“出生”相关的主题/);
    const card = page.getByRole('link', { name: /新生儿出生/ });
    await expect(card.count()).resolves.toBe(1);
    await checkA11y(page, 'home, searched 出生');
    await screenshot(page, 'citizen-search-phone');

    // the theme page
    await card.click();
    await page.waitForURL(/\/themes\//);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('新生儿出生');
    await expect.poll(() => page.locator('fieldset.question').count()).toBeGreaterThan(0);
    // the theme list and the theme page together stay within the budget, without the admin chunk
    expect(downloads.urls.some((u) => /AdminApp|antd|echarts/i.test(u)), downloads.urls.join(' ')).toBe(false);
    expect(await downloads.bytes()).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    await checkA11y(page, 'theme page, first question');

    const answered = await answerAllQuestions(page);
    expect(answered).toBeGreaterThan(0);

    const notice = page.locator('section.notice');
    await expect.poll(() => notice.getByRole('heading', { level: 2 }).textContent()).toBe('一次告知单');
    const matters = (await notice.locator('.matter-list').textContent()) ?? '';
    expect(matters).toContain('市卫生健康委');
    expect(matters).toContain('市公安局');
    const materials = (await notice.locator('.material-list').allTextContents()).join('\n');
    expect(materials).toMatch(/电子证照库自动调取|数据共享自动获取/);
    const time = (await notice.getByRole('heading', { name: '办理时限' }).locator('xpath=..').textContent()) ?? '';
    expect(time).toMatch(/\d+ 个工作日/);

    // reform figures: fewer materials after than before
    const row = notice.locator('table.figures').first().getByRole('row', { name: /材料/ });
    const [before, after] = (await row.locator('td').allTextContents()).map((s) => Number(s.trim()));
    expect(before).toBeGreaterThan(after!);
    await checkA11y(page, 'the one notice');
    await expectNoHorizontalScroll(page, 'the one notice');
    await screenshot(page, 'citizen-notice-phone');

    // English
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
    await expect.poll(() => notice.getByRole('heading', { level: 2 }).textContent()).toBe('Your one notice');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/[A-Za-z]/);
    expect(await notice.locator('.material-list').first().textContent()).toMatch(/Bring it yourself|Fetched by Yijian|Passed on/);
    await checkA11y(page, 'the one notice in English');
    await screenshot(page, 'citizen-notice-phone-en');

    // elderly mode, kept across a reload
    const elderly = page.getByRole('button', { name: 'Elderly mode' });
    await elderly.click();
    await expect.poll(() => page.evaluate('document.documentElement.classList.contains("elderly")')).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/[A-Za-z]/);
    expect(await page.evaluate('document.documentElement.classList.contains("elderly")')).toBe(true);
    expect(await page.getByRole('button', { name: 'Elderly mode' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    const fontSize = Number.parseFloat((await page.evaluate('getComputedStyle(document.body).fontSize')) as string);
    expect(fontSize).toBeGreaterThanOrEqual(20);
    const optionHeight = (await page.locator('label.option').first().boundingBox())?.height ?? 0;
    expect(optionHeight).toBeGreaterThanOrEqual(48);
    await checkA11y(page, 'theme page in elderly mode');
    await answerAllQuestions(page);
    await expect.poll(() => notice.getByRole('heading', { level: 2 }).textContent()).toBe('Your one notice');
    await checkA11y(page, 'the one notice in English, elderly mode');
    await expectNoHorizontalScroll(page, 'the one notice in English, elderly mode');

    // back to Chinese, still in elderly mode
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => notice.getByRole('heading', { level: 2 }).textContent()).toBe('一次告知单');
    await checkA11y(page, 'the one notice in elderly mode');
    await expectNoHorizontalScroll(page, 'the one notice in elderly mode');
    await screenshot(page, 'citizen-notice-phone-elderly');

    await page.goto('/');
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/共 29 个主题/);
    await checkA11y(page, 'home in elderly mode');
    await expectNoHorizontalScroll(page, 'home in elderly mode');
    await screenshot(page, 'citizen-home-phone-elderly');
  });
});
