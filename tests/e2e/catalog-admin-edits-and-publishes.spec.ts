// The catalog admin signs in, opens the 出生医学证明签发 matter, makes an edit a quality rule rejects
// and sees what to fix, fixes it, saves and publishes: the matter gets the next version number, and
// 新生儿出生, which uses it, is republished.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, checkA11y, DESKTOP, expectNoHorizontalScroll, screenshot, startHarness, type Harness } from './helpers.ts';

/** The version number the editor shows as published ("第 N 版"). */
async function publishedVersion(page: Page): Promise<number> {
  const text = (await page.locator('.editor-state .ant-tag').first().textContent()) ?? '';
  const m = /第 (\d+) 版/.exec(text);
  if (!m) throw new Error(`no published version in "${text}"`);
  return Number(m[1]);
}

describe.skipIf(!browserAvailable())('catalog admin edits and publishes a matter', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rejects a bad edit with what to fix, then saves and publishes a good one', async () => {
    const page = await h.newPage(DESKTOP);

    // sign in
    await page.goto('/login');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('登录');
    await checkA11y(page, 'login');
    await page.getByLabel('用户名').fill('catalog');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).last().click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    await checkA11y(page, 'login with an error');
    await page.getByLabel('密码').fill('Yijian@2023');
    await page.getByRole('button', { name: '登录' }).last().click();

    // the catalog
    await page.waitForURL(/\/admin\/catalog$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('事项与主题目录管理');
    const header = (await page.locator('header').textContent()) ?? '';
    expect(header).toContain('目录管理员');
    expect(header).toContain('退出登录');
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(1);
    await checkA11y(page, 'catalog list');
    await screenshot(page, 'admin-catalog-list');

    await page.getByLabel('按编码或名称筛选').fill('出生医学证明');
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    await checkA11y(page, 'catalog list, filtered');
    await page.getByRole('link', { name: '出生医学证明签发' }).click();
    await page.waitForURL(/\/admin\/catalog\/matters\//);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/编辑事项：.*出生医学证明/);
    const before = await publishedVersion(page);
    await checkA11y(page, 'matter editor');

    // a bad edit: a visit without its reason (the matter needs one visit)
    await page.getByLabel('到现场次数').fill('1');
    await page.getByLabel('必须到现场的原因').fill('');
    await page.getByRole('button', { name: '保存草稿' }).click();
    // said in Chinese (no internal code), and next to the field it is about
    const alert = page.getByRole('alert').filter({ hasText: '未通过质量检查' });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain('原因');
    expect(await alert.textContent()).not.toContain('QUALITY_CHECK_FAILED');
    const reasonItem = page.locator('.ant-form-item').filter({ has: page.locator('#m-visits-reason') });
    expect(await reasonItem.locator('.ant-form-item-explain').textContent()).toContain('原因');
    // the publish button waits for a saved draft
    expect(await page.getByRole('button', { name: '发布' }).isDisabled()).toBe(true);
    await checkA11y(page, 'matter editor with quality problems');
    await screenshot(page, 'admin-matter-rejected');

    // the good edit: say why the visit is needed
    await page.getByLabel('必须到现场的原因').fill('须由父母到签发机构核对登记信息并签字确认');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '草稿已保存' }).count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: '未通过质量检查' }).count()).toBe(0);

    // publish: the next version
    await page.getByRole('button', { name: '发布' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: `已发布第 ${before + 1} 版` }).count()).toBe(1);
    await expect.poll(() => publishedVersion(page)).toBe(before + 1);
    expect(await page.locator('section[aria-labelledby="versions-title"]').textContent()).toContain(`第 ${before + 1} 版`);
    await checkA11y(page, 'matter editor after publishing');
    await expectNoHorizontalScroll(page, 'matter editor');
    await screenshot(page, 'admin-matter-published');

    // the theme that uses the matter was republished with it: its editor shows the new version
    const published = (await page.getByRole('status').filter({ hasText: '已发布' }).textContent()) ?? '';
    const theme = /newborn（第 (\d+) 版）/.exec(published);
    expect(theme, `republished themes in "${published}"`).not.toBeNull();
    await page.getByRole('link', { name: '← 返回目录' }).click();
    await page.getByRole('tab', { name: /主题/ }).click();
    await page.getByLabel('按编码或名称筛选').fill('新生儿');
    await page.getByRole('link', { name: '新生儿出生' }).click();
    await page.waitForURL(/\/admin\/catalog\/themes\/newborn$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('编辑主题：新生儿出生');
    await expect.poll(() => publishedVersion(page)).toBe(Number(theme![1]));
    await checkA11y(page, 'theme editor');

    // elderly mode on the admin pages too
    await page.getByRole('button', { name: '长者模式' }).click();
    await expect.poll(() => page.evaluate('document.documentElement.classList.contains("elderly")')).toBe(true);
    const saveHeight = (await page.getByRole('button', { name: '保存草稿' }).boundingBox())?.height ?? 0;
    expect(saveHeight).toBeGreaterThanOrEqual(48);
    await checkA11y(page, 'theme editor in elderly mode');
    await screenshot(page, 'admin-theme-elderly');
  });
});
