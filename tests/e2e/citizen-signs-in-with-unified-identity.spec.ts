// A citizen signs in through the province's unified identity (统一身份认证) on a phone: the sign-in
// page offers it, the provider's page (the OIDC simulator, its own process) asks for the phone
// number and password, and she comes back signed in to Yijian — 张三's account, linked by his ID
// number. A callback whose state is not this browser's is refused with a message. axe-core checks
// every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_DEMO_PASSWORD } from '../../sim/oidc/store.ts';
import { browserAvailable, checkA11y, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';

describe.skipIf(!browserAvailable())('a citizen signs in through the unified identity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ oidc: true });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('goes to the provider, signs in there, and comes back signed in', async () => {
    const page = await h.newPage(PHONE);
    await page.goto('/login');
    const unified = page.getByRole('link', { name: '使用湖南省统一身份认证登录' });
    await expect.poll(() => unified.count()).toBe(1);
    await checkA11y(page, 'sign-in page offering the unified identity');
    await expectNoHorizontalScroll(page, 'sign-in page');
    await unified.click();

    // the provider's own page
    await page.waitForURL((url) => url.origin === h.oidc!.issuer && url.pathname === '/authorize');
    await checkA11y(page, "the provider's sign-in page");
    await page.getByLabel(/手机号码/).fill('13807310001');
    await page.getByLabel(/密码/).fill(OIDC_DEMO_PASSWORD);
    await page.getByRole('button', { name: /登录并授权/ }).click();

    await page.waitForURL((url) => url.origin === h.baseUrl && url.pathname === '/me/applications', { timeout: 20_000 });
    await expect.poll(() => page.locator('.site-header').textContent()).toContain('张三');
    await checkA11y(page, 'my applications after the unified sign-in');
    await screenshot(page, 'citizen-unified-identity-phone');
  });

  it('refuses a callback that this browser did not start, and says so', async () => {
    const page = await h.newPage(PHONE);
    await page.goto('/api/auth/oidc/callback?code=stolen-code&state=forged-state');
    await page.waitForURL(/\/login\?signin=OIDC_STATE/);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('登录请求已失效');
    expect(await page.locator('.site-header').textContent()).not.toContain('张三');
    await checkA11y(page, 'sign-in page after a refused callback');
  });
});
