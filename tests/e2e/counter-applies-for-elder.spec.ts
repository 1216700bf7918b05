// 帮代办 at the counter: the counter staff member takes 王奶奶's resident ID number, chooses 就医,
// answers the guidance, checks the form prefilled from her profile, fills what is left and submits on
// her behalf; a wrong SMS code is refused; 王奶奶 signs in, finds the application waiting for her
// confirmation and confirms it in elderly mode; the staff member's intake list shows it confirmed. axe on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeResidentId } from '../../src/platform/identifiers.ts';
import { browserAvailable, checkA11y, DESKTOP, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';
import { daysAgo, poll, signIn } from './office-helpers.ts';

const ELDER_ID = makeResidentId('430103', '1945-06-18', 48);
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe.skipIf(!browserAvailable())('counter staff apply for an elderly citizen, who confirms', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 300_000); // a busy machine builds slowly
  afterAll(async () => {
    await h?.close();
  });

  it('takes the application at the counter and records her confirmation', async () => {
    const staff = await h.newPage(DESKTOP);
    await signIn(staff, 'counter', '/counter');
    await poll(() => h1(staff)).toBe('综合窗口收件');
    await checkA11y(staff, 'counter home');
    await staff.getByRole('link', { name: '新建收件' }).click();
    await staff.waitForURL(/\/counter\/new$/);
    await poll(() => h1(staff)).toBe('新建收件');
    await checkA11y(staff, 'new intake');

    // the applicant and the theme
    await staff.getByLabel('申请人公民身份号码').fill(ELDER_ID);
    await poll(() => staff.locator('#theme-select option').count()).toBeGreaterThan(20);
    await staff.getByLabel('办理的主题').selectOption('medical-care');
    await staff.getByRole('button', { name: '开始' }).click();

    // guidance, one question after another
    await staff.getByLabel('在长沙市内医疗机构就医').check();
    await staff.getByLabel('已直接结算').check();
    await staff.getByLabel('否', { exact: true }).check();

    // the one form, prefilled for her
    await poll(() => staff.getByRole('heading', { level: 2, name: '3. 填写表单' }).count()).toBe(1);
    await poll(() => staff.getByLabel(/申请人姓名/).inputValue()).toBe('王奶奶');
    expect(await staff.locator('main').textContent()).toContain('已预填');
    await staff.getByLabel(/医疗机构名称/).fill('中南大学湘雅医院');
    await staff.getByLabel(/就诊科室/).fill('心血管内科');
    await staff.getByLabel(/预约就诊日期/).fill(daysAgo(-7));
    await checkA11y(staff, 'intake form');

    // on her behalf (帮代办), with the reason
    await staff.getByLabel('帮代办', { exact: false }).check();
    await staff.getByLabel('帮代办原因').fill('老人年满八十，行动不便，由窗口帮代办');
    await staff.getByRole('button', { name: '提交，等待群众确认' }).click();
    await poll(() => staff.getByRole('status').filter({ hasText: '待确认' }).count()).toBe(1);
    expect(await staff.getByRole('status').textContent()).toMatch(/王/);
    await checkA11y(staff, 'intake submitted');
    await screenshot(staff, 'counter-intake-submitted');

    // a wrong code read out at the counter is refused, in Chinese
    await staff.getByLabel('群众报出的短信验证码').fill('000000');
    await staff.getByRole('button', { name: '确认', exact: true }).click();
    await poll(() => staff.getByRole('alert').count()).toBe(1);
    await checkA11y(staff, 'wrong confirmation code');

    // the list of intakes: waiting for her
    await staff.getByRole('link', { name: '← 返回综合窗口收件' }).first().click();
    await staff.waitForURL(/\/counter$/);
    await poll(() => staff.locator('.intake-table tbody').textContent()).toContain('待群众确认');
    expect(await staff.locator('.intake-table tbody').textContent()).toContain('帮代办');
    await checkA11y(staff, 'counter home with the intake');

    // the intake's page: what she will confirm; a new code can be sent
    await staff.locator('.intake-table').getByRole('link', { name: '就医' }).click();
    await staff.waitForURL(/\/counter\/intakes\//);
    await poll(() => h1(staff)).toMatch(/^收件：王/);
    expect(await staff.locator('main').textContent()).toContain('中南大学湘雅医院');
    expect(await staff.locator('main').textContent()).toContain('验证码已发送至');
    await checkA11y(staff, 'intake page');
    await staff.getByRole('button', { name: '重新发送验证码' }).click();
    await poll(() => staff.getByRole('status').filter({ hasText: '新验证码已发送至' }).count()).toBe(1);
    await checkA11y(staff, 'intake page, code sent again');
    await staff.getByRole('button', { name: 'English' }).click();
    await poll(() => h1(staff)).toMatch(/^Intake: 王/);
    expect(await staff.locator('main').textContent()).toContain('Awaiting confirmation');
    await checkA11y(staff, 'intake page in English');
    await staff.getByRole('button', { name: '中文' }).click();
    const intakeUrl = staff.url();

    // 王奶奶 signs in on her phone: the menu says something waits for her, and 我的办件 lists it first
    const elder = await h.newPage(PHONE);
    await signIn(elder, 'elder', '/me/applications');
    const badge = elder.locator('.site-nav .count-badge-waiting');
    await poll(() => badge.getAttribute('data-waiting')).toBe('1');
    expect(await elder.getByRole('link', { name: /我的办件/ }).textContent()).toContain('1 项待您处理');
    const waiting = elder.locator('section').filter({ has: elder.getByRole('heading', { level: 2, name: '待您处理（1 项）' }) });
    await poll(() => waiting.count()).toBe(1);
    expect(await waiting.textContent()).toContain('就医');
    expect(await waiting.textContent()).toContain('陈晓');
    await checkA11y(elder, 'my applications: waiting for her');
    await waiting.getByRole('link', { name: '去确认' }).click();
    await elder.waitForURL(/\/me\/confirmations$/);
    await poll(() => h1(elder)).toBe('待确认的申请');
    await poll(() => elder.getByRole('heading', { level: 2, name: '就医' }).count()).toBe(1);
    const card = (await elder.locator('article').textContent()) ?? '';
    expect(card).toContain('陈晓');
    expect(card).toContain('中南大学湘雅医院');
    await checkA11y(elder, 'confirmations');
    await expectNoHorizontalScroll(elder, 'confirmations');
    // she reads it in elderly mode: larger text and buttons
    await elder.getByRole('button', { name: '长者模式' }).click();
    await poll(() => elder.evaluate('document.documentElement.classList.contains("elderly")')).toBe(true);
    expect((await elder.getByRole('button', { name: '确认提交' }).boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
    await checkA11y(elder, 'confirmations in elderly mode');
    await expectNoHorizontalScroll(elder, 'confirmations in elderly mode');
    await elder.getByRole('button', { name: '确认提交' }).click();
    await poll(() => elder.getByRole('status').filter({ hasText: '已确认，申请已提交' }).count()).toBe(1);
    expect(await elder.getByText('没有需要您确认的申请。').count()).toBe(1);
    await poll(() => badge.count()).toBe(0); // nothing waits any more
    await checkA11y(elder, 'confirmed');
    await screenshot(elder, 'elder-confirmed');
    await elder.getByRole('link', { name: '查看申请进度' }).click();
    await elder.waitForURL(/\/me\/applications\//);
    await checkA11y(elder, 'her application');

    // the staff member's list now says confirmed, with the application number; the intake says how
    await staff.goto('/counter');
    await poll(() => staff.locator('.intake-table tbody').textContent()).toContain('已确认');
    expect(await staff.locator('.intake-table tbody').textContent()).toMatch(/YJ\d+/);
    await checkA11y(staff, 'counter home after confirmation');
    await staff.goto(intakeUrl);
    await poll(() => staff.locator('main').textContent()).toContain('本人登录确认');
    expect(await staff.getByRole('button', { name: '确认', exact: true }).count()).toBe(0);
    await checkA11y(staff, 'intake page after confirmation');
  }, 180_000); // generous: the machine may be busy; each step polls
});
