// 办件智能分发: the catalog admin opens the routing rules of 户口登记, sees that a Furong street is
// served by its own police station (derived), delegates it to the street's service centre with a
// rule, checks the whole catalog, and removes the rule again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, checkA11y, DESKTOP, screenshot, startHarness, type Harness } from './helpers.ts';

describe.skipIf(!browserAvailable())('catalog admin sets a routing rule', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the derived unit, sets a rule, checks the catalog, removes the rule', async () => {
    const page = await h.newPage(DESKTOP);
    await page.goto('/login?next=%2Fadmin%2Frouting');
    await page.getByLabel('用户名').fill('catalog');
    await page.getByLabel('密码').fill('Yijian@2023');
    await page.getByRole('button', { name: '登录' }).last().click();
    await page.waitForURL(/\/admin\/routing$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('办件分发规则');
    await checkA11y(page, 'routing rules, no matter chosen');

    // choose 户口登记
    await page.getByLabel('事项').click();
    await page.keyboard.type('户口登记');
    await page.locator('.ant-select-item-option').filter({ hasText: '户口登记（household-registration）' }).click();
    await page.waitForURL(/matter=household-registration/);
    const row = page.locator('tbody tr.ant-table-row').filter({ hasText: '文艺路街道' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('文艺路派出所');
    expect(await row.textContent()).toContain('按属地推导');
    await checkA11y(page, 'routing table of a matter');

    // delegate to the street service centre
    await row.getByRole('button', { name: /设置规则/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('承办单位').click();
    await page.keyboard.type('文艺路街道便民服务中心');
    await page.locator('.ant-select-item-option').filter({ hasText: '文艺路街道便民服务中心' }).click();
    await dialog.getByLabel('说明（可选）').fill('委托街道便民服务中心受理');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('文艺路街道便民服务中心');
    expect(await row.textContent()).toContain('规则');
    await checkA11y(page, 'routing table with a rule');
    await screenshot(page, 'admin-routing-rule');

    // the whole catalog still resolves
    await page.getByRole('button', { name: '检查全部事项' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '均分发到唯一的有权单位' }).count()).toBe(1);

    // remove the rule: the police station again
    await row.getByRole('button', { name: /删除规则/ }).click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('文艺路派出所');
    expect(await row.textContent()).toContain('按属地推导');
  });
});
