// Every page of the main journeys, in Chinese mode, is scanned for internal codes and English
// (latin-scan.ts): the citizen's notice, one form (with its validation errors), status page, list and
// messages; a failed login; the officers' worklist and sub-case pages (with a refused approval);
// the counter's intake and the elderly citizen's confirmation; the admin pages (where the catalog's
// codes are the work, shown marked as <code>). The leaks of all pages are listed together at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeResidentId } from '../../src/platform/identifiers.ts';
import { browserAvailable, DESKTOP, PHONE, startHarness, type Harness } from './helpers.ts';
import { latinLeaks, leakCollector } from './latin-scan.ts';
import { TINY_PDF, apiIn, daysAgo, poll, signIn } from './office-helpers.ts';
import { NEWBORN_ANSWERS } from '../fixtures/newborn.ts';

const ELDER_ID = makeResidentId('430103', '1945-06-18', 48);
const VALUES = {
  'applicant.phone': '13807310001',
  'applicant.household-address': '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室',
  'child.name': '张小禾',
  'child.gender': '2',
  'child.birth-date': daysAgo(10),
  'child.birth-place': '湖南省长沙市开福区湖南省妇幼保健院',
  'child.birth-weight': 3250,
  'child.ethnicity': '汉族',
  'child.household-follow': 'father',
  'mother.name': '李某某',
  'mother.id-number': makeResidentId('430105', '1994-03-02', 22),
  'father.name': '张三',
  'father.id-number': makeResidentId('430102', '1990-03-07', 131),
};

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

interface FormMaterial { code: string; name: { zh: string }; provision: string; deferrable: boolean }

/** The newborn application through the API as the signed-in citizen (the one form's pages are scanned before). */
async function submitNewborn(page: Page): Promise<{ id: string }> {
  const form = await apiIn<{ materials: FormMaterial[] }>(page, 'POST', '/api/themes/newborn/form', { answers: NEWBORN_ANSWERS });
  const materials: Array<{ code: string; provision: string; uploadIds?: string[] }> = [];
  for (const m of form.materials) {
    if (m.provision !== 'upload') materials.push({ code: m.code, provision: m.provision });
    else {
      const up = await apiIn<{ id: string }>(page, 'POST', `/api/uploads?name=${encodeURIComponent(`${m.name.zh}.pdf`)}`, undefined, { bytes: TINY_PDF, type: 'application/pdf' });
      materials.push({ code: m.code, provision: 'upload', uploadIds: [up.id] });
    }
  }
  return apiIn(page, 'POST', '/api/applications', {
    themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: `e2e-scan-${Date.now()}`, materials,
  });
}

describe('the scan itself', () => {
  it('finds the known kinds of leak and lets Chinese text, numbers and the allowed words through', () => {
    expect(latinLeaks('等待前序事项 / waiting for birth-medical-certificate')).toEqual(['waiting', 'for', 'birth-medical-certificate']);
    expect(latinLeaks('证书编号（certificateNo） RESULT_FIELDS_MISSING deceased.gender 1 dibao (LOGIN_FAILED)')).toEqual([
      'certificateNo', 'RESULT_FIELDS_MISSING', 'deceased.gender', 'dibao', 'LOGIN_FAILED',
    ]);
    expect(latinLeaks('新生儿出生 (newborn)')).toEqual(['newborn']);
    expect(latinLeaks('申请 YJ20261128000001，证书 T430198765，号码 43010219900307131X，信用代码 91430100MA4L16JX2K，扫描件 PDF 10 MB，English')).toEqual([]);
  });
});

describe.skipIf(!browserAvailable())('Chinese screens show no internal code or English', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ registries: true, outbox: true });
  }, 300_000); // a busy machine builds slowly
  afterAll(async () => {
    await h?.close();
  });

  it('walks the citizen, officer, counter and admin journeys and finds no Latin identifiers', async () => {
    const leaks = leakCollector();

    // a failed login says so in Chinese only
    const citizen = await h.newPage(PHONE);
    await citizen.goto('/login');
    await citizen.getByLabel('用户名').fill('citizen');
    await citizen.getByLabel('密码').fill('wrong-password');
    await citizen.getByRole('button', { name: '登录' }).last().click();
    await poll(() => citizen.getByRole('alert').count()).toBeGreaterThan(0);
    await leaks.scan(citizen, 'login refused');

    // the citizen: themes, the notice, the one form and its errors
    await signIn(citizen, 'citizen', '/');
    await poll(() => citizen.getByRole('status').first().textContent()).toMatch(/共 29 个主题/);
    await leaks.scan(citizen, 'home');
    for (const theme of ['newborn', 'special-groups', 'after-death']) {
      await citizen.goto(`/themes/${theme}`);
      await poll(() => citizen.locator('.guidance [data-pending]').count()).toBe(1);
      for (let i = 0; i < 12 && (await citizen.locator('.guidance [data-pending]').getAttribute('data-pending')) !== '0'; i++) {
        const asked = await citizen.locator('fieldset.question').count();
        await citizen.locator('fieldset.question').last().locator('label.option').last().click();
        await poll(async () => (await citizen.locator('.guidance [data-pending]').getAttribute('data-pending')) === '0' || (await citizen.locator('fieldset.question').count()) > asked).toBe(true);
      }
      await poll(() => citizen.getByRole('heading', { name: '一次告知单' }).count()).toBeGreaterThan(0);
      await leaks.scan(citizen, `notice of ${theme}`);
    }
    await citizen.goto(`/themes/newborn/apply?answers=${encodeURIComponent(JSON.stringify(NEWBORN_ANSWERS))}`);
    await poll(() => h1(citizen), { timeout: 20_000 }).toBe('在线申请：新生儿出生');
    await leaks.scan(citizen, 'the one form');
    expect(await citizen.locator('section.generated-forms').count()).toBe(1); // 申请表: signed online, not uploaded
    await citizen.locator('#f-child-name').fill('');
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await poll(() => citizen.getByRole('alert').count()).toBeGreaterThan(0);
    await leaks.scan(citizen, 'the one form with errors');

    const app = await submitNewborn(citizen);
    await citizen.goto(`/me/applications/${app.id}`);
    await poll(() => citizen.getByText('出生医学证明').count()).toBeGreaterThan(0);
    await leaks.scan(citizen, 'status page after submitting');
    await citizen.goto('/me/applications');
    await poll(() => citizen.locator('main').textContent()).toContain('新生儿出生');
    await leaks.scan(citizen, 'my applications');

    // the health commission: worklist, sub-case, an approval refused for missing result fields
    const health = await h.newPage(DESKTOP);
    await signIn(health, 'officer-health', '/back-office');
    await poll(() => health.getByRole('link', { name: '出生医学证明签发' }).count()).toBe(1);
    await leaks.scan(health, 'worklist');
    await health.getByRole('link', { name: '出生医学证明签发' }).click();
    await poll(() => h1(health)).toContain('出生医学证明签发');
    await poll(() => health.getByRole('button', { name: '受理', exact: true }).count()).toBe(1);
    await leaks.scan(health, 'sub-case');
    await health.getByRole('button', { name: '受理', exact: true }).click();
    await poll(() => health.getByRole('status').filter({ hasText: '已受理' }).count()).toBe(1);
    await health.getByRole('button', { name: '办结（准予）', exact: true }).click();
    await health.getByRole('alertdialog').getByRole('button', { name: '确认办结（准予）' }).click();
    await poll(() => health.getByRole('alert').count()).toBeGreaterThan(0);
    await leaks.scan(health, 'sub-case, approval refused');
    const subcaseId = health.url().split('/').pop()!;
    await apiIn(health, 'POST', `/api/back-office/subcases/${subcaseId}/approve`, { fields: { certificateNo: 'T430198765', childName: '张小禾' } });

    // the police refuse: a reason too short for the server comes back as a Chinese, field-named message
    const police = await h.newPage(DESKTOP);
    await signIn(police, 'officer-police', '/back-office');
    await poll(() => police.getByRole('link', { name: '户口登记' }).count()).toBe(1);
    await police.getByRole('link', { name: '户口登记' }).click();
    await poll(() => police.getByRole('button', { name: '受理', exact: true }).count()).toBe(1);
    await leaks.scan(police, 'police sub-case');
    const policeSub = police.url().split('/').pop()!;
    const tooShort = (await police.evaluate(`fetch('/api/auth/me').then((r) => r.json()).then((me) => fetch('/api/back-office/subcases/${policeSub}/not-accept', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ reason: ' ' }) })).then((r) => r.json())`)) as { error: { message: { zh: string }; details: Array<{ zh: string }> } };
    const refusal = [tooShort.error.message.zh, ...tooShort.error.details.map((d) => d.zh)].join(' ');
    // named by the field, in Chinese only
    if (!refusal.includes('原因') || latinLeaks(refusal).length) leaks.found.push(`validation message: ${refusal}`);
    await apiIn(police, 'POST', `/api/back-office/subcases/${policeSub}/not-accept`, { reason: '户籍地址不在本所辖区' });
    await police.reload();
    await poll(() => police.locator('main').textContent()).toContain('户籍地址不在本所辖区');
    await leaks.scan(police, 'police sub-case, not accepted');

    // the citizen: status page with every result, messages
    await citizen.goto(`/me/applications/${app.id}`);
    await poll(() => citizen.locator('main').textContent()).toContain('户籍地址不在本所辖区');
    await leaks.scan(citizen, 'status page, with results');
    await citizen.goto('/me/messages');
    await poll(() => citizen.locator('main').textContent(), { timeout: 20_000 }).toContain('已收到您的申请');
    await leaks.scan(citizen, 'messages');

    // the counter takes an application in for 王奶奶; she confirms it
    const staff = await h.newPage(DESKTOP);
    await signIn(staff, 'counter', '/counter/new');
    await staff.getByLabel('申请人公民身份号码').fill(ELDER_ID);
    await poll(() => staff.locator('#theme-select option').count()).toBeGreaterThan(20);
    await staff.getByLabel('办理的主题').selectOption('medical-care');
    await staff.getByRole('button', { name: '开始' }).click();
    await staff.getByLabel('在长沙市内医疗机构就医').check();
    await staff.getByLabel('已直接结算').check();
    await staff.getByLabel('否', { exact: true }).check();
    await poll(() => staff.getByLabel(/申请人姓名/).inputValue()).toBe('王奶奶');
    await leaks.scan(staff, 'counter intake form');
    await staff.getByLabel(/医疗机构名称/).fill('中南大学湘雅医院');
    await staff.getByLabel(/就诊科室/).fill('心血管内科');
    await staff.getByLabel(/预约就诊日期/).fill(daysAgo(-7));
    await staff.getByRole('button', { name: '提交，等待群众确认' }).click();
    await poll(() => staff.getByRole('status').filter({ hasText: '待确认' }).count()).toBe(1);
    await leaks.scan(staff, 'counter intake submitted');
    await staff.goto('/counter');
    await poll(() => staff.locator('.intake-table tbody').textContent()).toContain('待群众确认');
    await leaks.scan(staff, 'counter home');
    await staff.locator('.intake-table').getByRole('link', { name: '就医' }).click();
    await poll(() => h1(staff)).toMatch(/^收件：王/);
    await leaks.scan(staff, 'intake page');
    const elder = await h.newPage(PHONE);
    await signIn(elder, 'elder', '/me/confirmations');
    await poll(() => elder.getByRole('heading', { level: 2, name: '就医' }).count()).toBe(1);
    await leaks.scan(elder, 'confirmations');

    // the admin pages
    const catalog = await h.newPage(DESKTOP);
    await signIn(catalog, 'catalog', '/admin');
    await poll(() => catalog.locator('main').textContent()).toContain('出生医学证明签发');
    await leaks.scan(catalog, 'catalog list', { codes: 'shown' });
    await catalog.goto('/admin/catalog/themes/newborn');
    await poll(() => h1(catalog)).toContain('新生儿出生');
    await leaks.scan(catalog, 'theme editor', { codes: 'shown' });
    await catalog.goto('/admin/catalog/matters/birth-medical-certificate');
    await poll(() => h1(catalog)).toContain('出生医学证明');
    await leaks.scan(catalog, 'matter editor', { codes: 'shown' });
    await catalog.goto('/admin/routing');
    await poll(() => h1(catalog)).toBe('办件分发规则');
    await catalog.waitForLoadState('networkidle');
    await leaks.scan(catalog, 'routing', { codes: 'shown' });
    const admin = await h.newPage(DESKTOP);
    await signIn(admin, 'admin', '/admin/dispatch');
    await poll(() => h1(admin)).toBe('分发与对接');
    await admin.waitForLoadState('networkidle');
    await leaks.scan(admin, 'dispatch', { codes: 'shown' });

    expect(leaks.found).toEqual([]);
  }, 300_000); // generous: the machine may be busy; each step polls
});
