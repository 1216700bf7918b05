// A visitor (say, 张三's mother, without an account) follows an application's progress with the
// number and query code printed on the receipt, on a phone, without signing in: the status and the
// steps, nothing personal. A wrong code is refused with a message. axe-core checks every page, in
// elderly mode too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, applicationTemplate, httpRequester, signInAs } from '../helpers/dispatch-harness.ts';
import { browserAvailable, checkA11y, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';

describe.skipIf(!browserAvailable())('a visitor looks up progress with the receipt', () => {
  let h: Harness;
  let receipt: { number: string; queryCode: string };
  beforeAll(async () => {
    h = await startHarness();
    // 张三 applies (over the real HTTP API) and keeps the receipt
    const req = httpRequester(h.baseUrl);
    const citizen = await signInAs(req, 'citizen');
    const template = await applicationTemplate(req, h.ctx.database, citizen, 'newborn', 7, h.ctx.now());
    const submitted = await req('POST', '/api/applications', await applicationBody(req, citizen, template, 'progress-journey-1'), citizen.headers);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const r = await req('GET', `/api/applications/${(submitted.body as { id: string }).id}/receipt`, undefined, { cookie: citizen.cookie });
    receipt = r.body as typeof receipt;
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows the status and the steps for the receipt\'s number and code, and refuses a wrong code', async () => {
    const page = await h.newPage(PHONE);
    await page.goto('/');
    await page.getByRole('link', { name: '进度查询' }).click();
    await page.waitForURL(/\/progress$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('办件进度查询');
    await checkA11y(page, 'progress look-up');

    await page.getByLabel('办件编号').fill(receipt.number);
    await page.getByLabel('查询码').fill(receipt.queryCode === '0000000000' ? '1111111111' : '0000000000');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('办件编号或查询码不正确');
    await checkA11y(page, 'progress look-up refused');

    await page.getByLabel('查询码').fill(receipt.queryCode.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    const result = page.getByRole('region', { name: '查询结果' });
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.textContent()).toContain('新生儿出生');
    expect(await result.textContent()).toContain(receipt.number);
    await expect.poll(() => result.locator('.progress-steps li').count()).toBeGreaterThanOrEqual(2);
    // nothing personal on the page
    expect(await page.locator('main').textContent()).not.toContain('张三');
    await checkA11y(page, 'progress look-up result');
    await page.getByRole('button', { name: '长者模式' }).click();
    await checkA11y(page, 'progress look-up result in elderly mode');
    await expectNoHorizontalScroll(page, 'progress look-up result in elderly mode');
    await screenshot(page, 'visitor-progress-phone');
  });
});
