// A parent applies for 新生儿出生 on a phone: signs in, answers the guidance, opens the one form and
// finds it prefilled (with where each value came from), saves a draft, reloads and resumes it,
// signs the generated application forms online (nothing to upload), submits (a double click makes one application) and follows the status page with
// its sub-cases; then reads it in English in elderly mode. axe-core checks every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, checkA11y, DESKTOP, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';

const MAX_QUESTIONS = 12;
/** a 1×1 PNG */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Answers every question: with the option `prefer` names for it (by question code), else the first. */
async function answerAllQuestions(page: Page, prefer: Record<string, string> = {}): Promise<void> {
  const status = page.locator('.guidance [data-pending]');
  for (let asked = 0; asked < MAX_QUESTIONS; asked++) {
    await expect.poll(() => status.count()).toBe(1);
    if ((await status.getAttribute('data-pending')) === '0') return;
    const questions = await page.locator('fieldset.question').count();
    const last = page.locator('fieldset.question').last();
    const code = (await last.locator('input').first().getAttribute('name')) ?? '';
    const wanted = prefer[code];
    await (wanted ? last.locator(`label[for="q-${code}-${wanted}"]`) : last.locator('label.option').first()).click();
    await expect
      .poll(async () => (await status.getAttribute('data-pending')) === '0' || (await page.locator('fieldset.question').count()) > questions)
      .toBe(true);
  }
  throw new Error(`still questions pending after ${MAX_QUESTIONS} answers`);
}

const activeInfo = (page: Page) =>
  page.evaluate('({ id: document.activeElement.id, cls: document.activeElement.className })') as Promise<{ id: string; cls: string }>;

describe.skipIf(!browserAvailable())('citizen applies for 新生儿出生', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ registries: true, outbox: true });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('prefilled form, draft and resume, uploads, one submit, status page with sub-cases', async () => {
    const page = await h.newPage(PHONE);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    // the theme page first: the apply action asks to sign in and keeps the answers
    await page.goto('/themes/newborn');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('新生儿出生');
    // born at home and not the head of the household: two proofs on paper
    await answerAllQuestions(page, { 'delivery-place': 'outside', 'head-of-household': 'no' });
    const signInToApply = page.getByRole('link', { name: '登录后申请办理' });
    await expect.poll(() => signInToApply.count()).toBe(1);
    await checkA11y(page, 'theme page with the apply action');
    await signInToApply.click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('用户名').fill('citizen');
    await page.getByLabel('密码').fill('Yijian@2023');
    await page.getByRole('button', { name: '登录' }).click();

    // the one form, prefilled
    await page.waitForURL(/\/themes\/newborn\/apply\?answers=/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('在线申请：新生儿出生');
    const childName = page.locator('#f-child-name');
    await expect.poll(() => childName.inputValue()).toBe('张一诺');
    const origin = page.locator('[data-element="child.name"] .origin');
    expect(await origin.textContent()).toMatch(/^来自 /);
    // the origin is read with the field
    const describedBy = (await childName.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toContain('f-child-name-note');
    expect(await page.locator('[data-element="applicant.household-address"] .origin').textContent()).toContain('来自');
    // the applicant is who signed in: the name and ID number are the profile's, shown read-only
    const applicantId = page.locator('#f-applicant-id-number');
    expect(await applicantId.getAttribute('readonly')).not.toBeNull();
    expect(await applicantId.inputValue()).toMatch(/^\d{17}[\dX]$/);
    expect(await page.locator('#f-applicant-name').inputValue()).toBe('张三');
    expect(await page.locator('[data-element="applicant.name"] .field-note').textContent()).toContain('不可修改');
    // made by an earlier matter: shown, not asked
    expect(await page.locator('[data-element="child.id-number"]').textContent()).toContain('无需填写');
    expect(await page.locator('#f-child-id-number').count()).toBe(0);
    await checkA11y(page, 'the one form, prefilled');
    await expectNoHorizontalScroll(page, 'the one form');
    await screenshot(page, 'citizen-apply-prefilled-phone');

    // submitting as it is: an error summary takes the focus, each problem sits next to its field
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(async () => (await activeInfo(page)).cls).toContain('error-summary');
    const ethnicity = page.locator('#f-child-ethnicity');
    expect(await ethnicity.getAttribute('aria-invalid')).toBe('true');
    expect(await ethnicity.getAttribute('aria-describedby')).toContain('f-child-ethnicity-error');
    expect(await page.locator('#f-child-ethnicity-error').textContent()).toContain('未填写');
    await checkA11y(page, 'the one form with errors');
    // the summary's link goes to the field
    await page.locator('.error-summary a', { hasText: '民族' }).click();
    expect((await activeInfo(page)).id).toBe('f-child-ethnicity');

    // fill in what is missing, choose the delivery, save a draft
    await ethnicity.fill('汉族');
    await page.locator('#f-child-household-follow').selectOption({ index: 1 });
    await page.locator('#f-child-guardian-relation').selectOption({ index: 1 });
    await page.locator('#f-medical-insurance-contribution-year').fill(String(new Date().getFullYear()));
    await page.locator('#f-social-security-card-bank').selectOption({ index: 1 });
    await page.locator('#f-social-security-card-delivery').selectOption({ index: 1 });
    await page.getByLabel('网上下载（电子证照和文书）').check();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.locator('.draft-status').textContent()).toMatch(/草稿已于 .* 保存/);

    // reload: the form offers the draft back
    await page.reload();
    const resume = page.getByRole('button', { name: '继续填写上次的草稿' });
    await expect.poll(() => resume.count(), { timeout: 15_000 }).toBe(1);
    await checkA11y(page, 'the one form offering the draft');
    await resume.click();
    await expect.poll(() => page.locator('#f-child-ethnicity').inputValue()).toBe('汉族');
    expect(await page.getByLabel('网上下载（电子证照和文书）').isChecked()).toBe(true);
    expect(await page.locator('#f-child-name').inputValue()).toBe('张一诺');
    expect(await page.locator('.draft-status').textContent()).toContain('已恢复');

    // materials: nothing to upload for a newborn (一次不用跑). Certificates and registry data are fetched,
    // the proofs of a birth at home and the head's consent are originals shown on paper
    expect(await page.locator('[data-material]:has(input[type="file"])').count()).toBe(0);
    expect(await page.locator('[data-material] .tag-ok', { hasText: '无需提交' }).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-material="birth-medical-certificate.out-of-hospital-proof"]').count()).toBe(1);
    // the application forms are generated from the one form and signed online with the signer's name;
    // submitting unsigned is refused next to the signature
    const generated = page.locator('[data-generated]');
    await expect.poll(() => generated.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('label[for="sign-forms"]').textContent()).toContain('张三');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('#sign-forms-error').count()).toBe(1);
    await page.locator('#sign-forms').check();
    await checkA11y(page, 'the one form with uploads');
    await screenshot(page, 'citizen-apply-uploaded-phone');

    // what only the server can tell (a birth date after today) comes back next to the field
    const birth = page.locator('#f-child-birth-date');
    const realBirth = await birth.inputValue();
    await birth.fill('2099-01-01');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('#f-child-birth-date-error').count(), { timeout: 10_000 }).toBe(1);
    expect(await birth.getAttribute('aria-invalid')).toBe('true');
    expect(await birth.getAttribute('aria-describedby')).toContain('f-child-birth-date-error');
    await expect.poll(async () => (await activeInfo(page)).cls).toContain('error-summary');
    await checkA11y(page, "the one form with the server's problems");
    await birth.fill(realBirth);

    // submit; a double click still makes one application
    await page.getByRole('button', { name: '提交申请' }).dblclick();
    await page.waitForURL(/\/me\/applications\/[0-9a-f-]{36}/, { timeout: 15_000 });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('新生儿出生');
    const subcases = page.locator('li.subcase');
    await expect.poll(() => subcases.count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.overall .status-tag').count()).toBe(1);
    expect(await subcases.first().locator('.status-tag').textContent()).toMatch(/\S/);
    expect(await subcases.first().locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('.app-number').textContent()).toMatch(/\S/);
    await checkA11y(page, 'the status page');
    await expectNoHorizontalScroll(page, 'the status page');
    await screenshot(page, 'citizen-status-phone');
    const statusUrl = page.url();

    // my applications: exactly one
    await page.getByRole('link', { name: '我的办件', exact: true }).click();
    await page.waitForURL(/\/me\/applications$/);
    await expect.poll(() => page.locator('.app-item').count()).toBe(1);
    await expect.poll(() => page.locator('.app-item').textContent()).toContain('新生儿出生');
    await checkA11y(page, 'my applications');

    // messages: the in-app message that the application was received, delivered by the outbox worker
    const messagesLink = page.getByRole('link', { name: /^消息/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.waitForLoadState('networkidle');
          return messagesLink.textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/条未读/);
    await messagesLink.click();
    await page.waitForURL(/\/me\/messages$/);
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '通知设置' }).count()).toBe(1);
    const message = page.locator('li.message[data-kind="application.submitted"]').first();
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.getAttribute('class')).toContain('unread');
    expect(await message.textContent()).toContain('新生儿出生');
    expect(await message.getByRole('link', { name: '查看办件' }).count()).toBe(1);
    await checkA11y(page, 'messages');
    await screenshot(page, 'citizen-messages-phone');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => page.locator('li.message.unread').count()).toBe(0);
    await expect.poll(() => messagesLink.textContent()).toBe('消息');
    // settings: SMS needs a mobile number (the server checks it too), then it saves
    await page.getByLabel('通过短信通知我').check();
    await page.getByLabel('手机号码').fill('');
    await page.getByRole('button', { name: '保存设置' }).click();
    expect(await page.locator('#settings-phone-error').textContent()).toContain('手机号码');
    expect((await activeInfo(page)).id).toBe('settings-phone');
    await page.getByLabel('手机号码').fill('13807310001');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '通知设置已保存' }).count()).toBe(1);
    await checkA11y(page, 'messages, settings saved');

    // withdraw asks first, and "keep it" keeps it
    await page.goto(statusUrl);
    await page.getByRole('button', { name: '撤回申请' }).click();
    await expect.poll(async () => (await activeInfo(page)).id).toBe('withdraw-title');
    await checkA11y(page, 'withdraw confirmation');
    await page.getByRole('button', { name: '不撤回' }).click();
    expect(await page.getByRole('button', { name: '撤回申请' }).count()).toBe(1);

    // English, elderly mode
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Elderly mode' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /Progress at each unit/ }).count()).toBe(1);
    expect(await page.evaluate('document.documentElement.classList.contains("elderly")')).toBe(true);
    await checkA11y(page, 'the status page in English, elderly mode');
    await expectNoHorizontalScroll(page, 'the status page in English, elderly mode');
    await screenshot(page, 'citizen-status-phone-en-elderly');

    // the form in English, elderly mode (the draft is gone after the submit)
    await page.goto('/themes/newborn');
    await expect.poll(() => page.locator('fieldset.question').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await answerAllQuestions(page);
    await page.getByRole('link', { name: 'Apply', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toMatch(/^Apply online: /);
    expect(await page.getByRole('button', { name: 'Continue my saved draft' }).count()).toBe(0);
    expect(await page.locator('[data-element="child.name"] .origin').textContent()).toMatch(/^from /);
    await checkA11y(page, 'the one form in English, elderly mode');
    await expectNoHorizontalScroll(page, 'the one form in English, elderly mode');
    await screenshot(page, 'citizen-apply-phone-en-elderly');

    // withdraw, confirmed (still English, elderly mode)
    await page.goto(statusUrl);
    await page.getByRole('button', { name: 'Withdraw application' }).click();
    await page.getByLabel('Reason (optional)').fill('填错了主题');
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The application was withdrawn.' }).count()).toBe(1);
    expect(await page.locator('.overall .status-tag').getAttribute('data-status')).toBe('13');
    expect(await page.getByRole('button', { name: 'Withdraw application' }).count()).toBe(0);
    await checkA11y(page, 'the status page after withdrawing');

    expect(pageErrors).toEqual([]);
  }, 300_000);
  it('容缺 with the signed promise and express delivery: the deadline shows on the status page', async () => {
    const page = await h.newPage(DESKTOP);
    await page.goto('/login?next=/themes/social-insurance');
    await page.getByLabel('用户名').fill('citizen');
    await page.getByLabel('密码').fill('Yijian@2023');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/themes\/social-insurance$/);
    await answerAllQuestions(page);
    await page.getByRole('link', { name: '申请办理', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toMatch(/^在线申请：/);

    // fill what is empty, upload what must be uploaded
    for (const select of await page.locator('.apply-form select').all()) if (!(await select.inputValue())) await select.selectOption({ index: 1 });
    const deferrable = page.locator('[data-material]:has(input[type="radio"][id$="-deferred"])');
    await expect.poll(() => deferrable.count()).toBeGreaterThan(0);
    const uploads = page.locator('[data-material]:has(input[type="file"])');
    for (const item of await uploads.all()) {
      const legend = (await item.locator('legend').textContent()) ?? '';
      if (!legend.includes('*')) continue; // required ones only
      await item.locator('input[type="file"]').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: PNG });
      await expect.poll(() => item.locator('.uploads').textContent(), { timeout: 10_000 }).toContain('scan.png');
    }

    // 容缺: the material follows later; the promise appears and must be signed with the real name
    const material = deferrable.first();
    const materialName = ((await material.locator('legend').textContent()) ?? '').replace(/[*（(].*$/, '').trim();
    await material.getByLabel('容缺后补（先受理，后补交）').check();
    expect(await material.textContent()).toContain('提交后将告知您补交的截止日期');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '承诺书' }).count()).toBe(1);
    await page.getByLabel('快递邮寄（免费）').check();
    await page.getByLabel(/^邮寄地址/).fill('湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室');
    await page.getByLabel(/^签名/).fill('李四');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(async () => (await activeInfo(page)).cls).toContain('error-summary');
    expect(await page.locator('#promise-name-error').textContent()).toContain('张三');
    expect(await page.locator('#promise-agree-error').count()).toBe(1);
    await checkA11y(page, 'the promise with problems');
    await page.getByLabel(/^签名/).fill('张三');
    await page.getByLabel('我已阅读并同意以上承诺').check();
    // the generated application forms are signed online
    expect(await page.locator('[data-generated]').count()).toBeGreaterThan(0);
    await page.locator('#sign-forms').check();
    await page.getByRole('button', { name: '提交申请' }).click();

    await page.waitForURL(/\/me\/applications\/[0-9a-f-]{36}/, { timeout: 15_000 });
    const deferred = page.locator('.deferred-item');
    await expect.poll(() => deferred.count()).toBe(1);
    expect(await deferred.textContent()).toContain(materialName);
    expect(await deferred.textContent()).toMatch(/请于 \d{4}年\d{1,2}月\d{1,2}日 前补交/);
    expect(await page.locator('.overall').textContent()).toContain('快递邮寄');
    await checkA11y(page, 'the status page with a material to follow');
    await screenshot(page, 'citizen-status-deferred-desktop');
  }, 300_000);
});
