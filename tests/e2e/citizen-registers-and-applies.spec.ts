// A new citizen joins on a phone and applies: 刘婷 (in the household registry, no account yet) opens
// the registration page from the sign-in page, gets the SMS code (read from the SMS provider
// simulator, as her phone would), registers with her real name, is signed in, and applies for
// 新生儿出生 with the form prefilled from her profile and the registries; the status page shows the
// receipt with its query code. A wrong name is refused first. axe-core checks every page, in
// elderly mode too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPeople } from '../../sim/registries/demo-seed.ts';
import { browserAvailable, checkA11y, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const LIU_TING = demoPeople().liuTing;
const PHONE_NUMBER = '13807310011';

async function answerAllQuestions(page: Page): Promise<void> {
  const status = page.locator('.guidance [data-pending]');
  for (let asked = 0; asked < 12; asked++) {
    await expect.poll(() => status.count()).toBe(1);
    if ((await status.getAttribute('data-pending')) === '0') return;
    const questions = await page.locator('fieldset.question').count();
    await page.locator('fieldset.question').last().locator('label.option').first().click();
    await expect
      .poll(async () => (await status.getAttribute('data-pending')) === '0' || (await page.locator('fieldset.question').count()) > questions)
      .toBe(true);
  }
  throw new Error('still questions pending after 12 answers');
}

describe.skipIf(!browserAvailable())('a citizen registers and applies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ registries: true, outbox: true, sms: true });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('registers with an SMS code and real-name check, then applies for 新生儿出生', async () => {
    const page = await h.newPage(PHONE);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    await page.goto('/login');
    await page.getByRole('link', { name: '注册账号' }).click();
    await page.waitForURL(/\/register/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('注册账号');
    await checkA11y(page, 'registration page');
    await expectNoHorizontalScroll(page, 'registration page');

    await page.getByLabel('手机号码').fill(PHONE_NUMBER);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '验证码已发送至 138****0011' }).count()).toBe(1);
    // the countdown keeps a second code from being asked at once
    expect(await page.getByRole('button', { name: /秒后可重新获取/ }).isDisabled()).toBe(true);
    // her phone: the SMS provider simulator received the code
    const sms = await expect.poll(async () => (await h.sms!.messages(PHONE_NUMBER)).length, { timeout: 20_000 }).toBe(1).then(() => h.sms!.messages(PHONE_NUMBER));
    const code = /验证码 (\d{6})/.exec(sms[0]!.text)![1]!;
    expect(sms[0]!.text).toMatch(/^【一件事一次办】/);

    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('姓名').fill('刘亭');
    await page.getByLabel('公民身份号码').fill(LIU_TING.idNumber);
    await page.getByLabel('设置密码').fill('Liu@ting2025');
    await page.getByRole('button', { name: '同意并注册' }).click();
    // a name the household registry does not confirm
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('未通过户籍核验');
    await checkA11y(page, 'registration refused');
    // elderly mode: larger text, still accessible and without sideways scrolling
    await page.getByRole('button', { name: '长者模式' }).click();
    await checkA11y(page, 'registration page in elderly mode');
    await expectNoHorizontalScroll(page, 'registration page in elderly mode');
    await screenshot(page, 'citizen-register-elderly-phone');
    await page.getByRole('button', { name: '长者模式' }).click();

    await page.getByLabel('姓名').fill(LIU_TING.name);
    await page.getByRole('button', { name: '同意并注册' }).click();
    await page.waitForURL(/\/me\/applications$/, { timeout: 20_000 });
    await expect.poll(() => page.locator('.site-header').textContent()).toContain('刘婷');
    await checkA11y(page, 'my applications after registering');

    // she applies for 新生儿出生: the form comes prefilled from her profile and the registries
    await page.goto('/themes/newborn');
    await answerAllQuestions(page);
    await page.getByRole('link', { name: '申请办理', exact: true }).click();
    await page.waitForURL(/\/themes\/newborn\/apply/);
    await expect.poll(() => page.locator('#f-child-name').inputValue(), { timeout: 20_000 }).toBe('张一诺');
    await checkA11y(page, 'the one form of a newly registered citizen');
    await page.locator('#f-child-ethnicity').fill('汉族');
    await page.locator('#f-child-household-follow').selectOption({ index: 1 });
    await page.locator('#f-child-guardian-relation').selectOption({ index: 1 });
    await page.locator('#f-medical-insurance-contribution-year').fill(String(new Date().getFullYear()));
    await page.locator('#f-social-security-card-bank').selectOption({ index: 1 });
    await page.locator('#f-social-security-card-delivery').selectOption({ index: 1 });
    await page.getByLabel('网上下载（电子证照和文书）').check();
    const uploadItems = page.locator('[data-material]:has(input[type="file"])');
    const n = await uploadItems.count();
    for (let i = 0; i < n; i++) {
      const item = uploadItems.nth(i);
      await item.locator('input[type="file"]').setInputFiles({ name: `scan-${i + 1}.png`, mimeType: 'image/png', buffer: PNG });
      await expect.poll(() => item.locator('.uploads').textContent(), { timeout: 10_000 }).toContain(`scan-${i + 1}.png`);
    }
    // the generated application forms are signed online, in her name
    expect(await page.locator('[data-generated]').count()).toBeGreaterThan(0);
    await page.locator('#sign-forms').check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/me\/applications\/[0-9a-f-]{36}/, { timeout: 20_000 });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('新生儿出生');
    // the receipt with its query code
    await expect.poll(() => page.getByTestId('query-code').textContent()).toMatch(/^\d{10}$/);
    await checkA11y(page, 'status page with the receipt');
    await expectNoHorizontalScroll(page, 'status page with the receipt');
    await screenshot(page, 'citizen-registered-applied-phone');
    expect(pageErrors).toEqual([]);
  });
});
