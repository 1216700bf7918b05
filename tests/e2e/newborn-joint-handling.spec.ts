// 一次联办 in the browser: a citizen applies for 新生儿出生 on the one form (prefilled from the registry
// simulators, scans uploaded); the health commission's officer accepts and approves the medical
// birth certificate with its number and the certificate as a PDF; that releases 户口登记 to the police,
// whose officer accepts and asks for a supplement; the citizen answers it on the application page;
// the police approve; the citizen sees one delivery with every result and downloads the health
// commission's result document. axe on every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeResidentId } from '../../src/platform/identifiers.ts';
import { browserAvailable, checkA11y, DESKTOP, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';
import { TINY_PDF, apiIn, daysAgo, poll, signIn } from './office-helpers.ts';
import { NEWBORN_ANSWERS as ANSWERS } from '../fixtures/newborn.ts';

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
const CERTIFICATE_NO = 'T430198765';
const CHILD_ID = makeResidentId('430102', daysAgo(10), 12);
const HOUSEHOLD_NO = '430102765432';

interface FormMaterial { code: string; required: boolean; provision: string; deferrable: boolean }

/** Submits the newborn application through the API as the signed-in citizen (uploads what must be uploaded, defers what may be deferred). */
async function submitByApi(page: Page): Promise<{ id: string; number: string }> {
  const form = await apiIn<{ materials: FormMaterial[] }>(page, 'POST', '/api/themes/newborn/form', { answers: ANSWERS });
  const materials: Array<{ code: string; provision: string; uploadIds?: string[] }> = [];
  let deferred = false;
  for (const m of form.materials) {
    if (m.provision !== 'upload') materials.push({ code: m.code, provision: m.provision });
    else if (m.deferrable) {
      materials.push({ code: m.code, provision: 'deferred' });
      deferred = true;
    } else {
      const up = await apiIn<{ id: string }>(page, 'POST', `/api/uploads?name=${encodeURIComponent(`${m.code}.pdf`)}`, undefined, { bytes: TINY_PDF, type: 'application/pdf' });
      materials.push({ code: m.code, provision: 'upload', uploadIds: [up.id] });
    }
  }
  return apiIn(page, 'POST', '/api/applications', {
    themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'express', address: '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室' },
    idempotencyKey: `e2e-newborn-${Date.now()}`, materials, ...(deferred ? { promise: { signedName: '张三', agreed: true } } : {}),
  });
}

/** a 1×1 PNG */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Applies on the one form (H5's apply page): the guidance answers in the URL, prefill kept, the rest filled in, scans uploaded. */
async function applyInUi(page: Page): Promise<{ id: string; childName: string }> {
  const path = `/themes/newborn/apply?answers=${encodeURIComponent(JSON.stringify(ANSWERS))}`;
  await signIn(page, 'citizen', path);
  await poll(() => h1(page), { timeout: 15_000 }).toBe('在线申请：新生儿出生');
  await checkA11y(page, 'citizen: the one form');
  // what the registries did not prefill
  for (const [code, value] of Object.entries(VALUES)) {
    const field = page.locator(`#f-${code.replace(/\./g, '-')}`);
    if ((await field.count()) !== 1) continue;
    const tag = await field.evaluate((e) => e.tagName);
    if (tag === 'SELECT') {
      if (!(await field.inputValue())) await field.selectOption(String(value));
    } else if (tag === 'INPUT' || tag === 'TEXTAREA') {
      const type = await field.getAttribute('type');
      if (type === 'radio' || type === 'checkbox') continue;
      if (!(await field.inputValue())) await field.fill(String(value));
    }
  }
  const childName = await page.locator('#f-child-name').inputValue();
  const uploads = page.locator('[data-material]:has(input[type="file"])');
  for (let i = 0; i < (await uploads.count()); i++) {
    const item = uploads.nth(i);
    await item.locator('input[type="file"]').setInputFiles({ name: `scan-${i + 1}.png`, mimeType: 'image/png', buffer: PNG });
    await poll(() => item.locator('.uploads').textContent(), { timeout: 10_000 }).toContain(`scan-${i + 1}.png`);
  }
  // the application forms (申请表) are generated from this form: not uploads; downloadable filled in, signed online
  const sign = page.locator('section.generated-forms');
  expect(await sign.count()).toBe(1);
  const [pdf] = await Promise.all([page.waitForEvent('download'), sign.getByRole('button', { name: /^下载填好的《/ }).first().click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  await page.getByLabel(/同意在线签名/).check();
  await page.getByLabel('快递邮寄（免费）').check();
  const address = page.getByLabel('邮寄地址');
  if (!(await address.inputValue())) await address.fill('湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL(/\/me\/applications\/[0-9a-f-]{36}/, { timeout: 15_000 });
  return { id: new URL(page.url()).pathname.split('/').pop()!, childName };
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const flash = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

/** 办结（准予）: the approval cannot be undone, so the page asks once more; confirmed. */
async function approve(page: Page): Promise<void> {
  await page.getByRole('button', { name: '办结（准予）', exact: true }).click();
  const confirm = page.getByRole('alertdialog').filter({ hasText: '确定以上述结果办结（准予）本事项？' });
  await poll(() => confirm.count()).toBe(1);
  await confirm.getByRole('button', { name: '确认办结（准予）' }).click();
}

/** From the unit's worklist to the sub-case of the matter. */
async function openSubcase(page: Page, matterName: string, where: string): Promise<void> {
  await page.goto('/back-office');
  await poll(() => h1(page)).toBe('本单位办件');
  const link = page.getByRole('link', { name: matterName });
  await poll(() => link.count()).toBe(1);
  await checkA11y(page, `${where}: worklist`);
  await link.click();
  await page.waitForURL(/\/back-office\/subcases\//);
  await poll(() => h1(page)).toContain(matterName);
  await checkA11y(page, `${where}: sub-case`);
}

describe.skipIf(!browserAvailable())('newborn: one application, two departments, one delivery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ registries: true });
  }, 300_000); // a busy machine builds slowly
  afterAll(async () => {
    await h?.close();
  });

  it('goes from the citizen through two officers and a supplement to one delivery', async () => {
    // the citizen applies on the one form (APPLY_BY_API=1: through the API instead, as the signed-in citizen)
    const citizen = await h.newPage(PHONE);
    let app: { id: string };
    let childName = VALUES['child.name'];
    if (process.env.APPLY_BY_API === '1') {
      await signIn(citizen, 'citizen', '/');
      app = await submitByApi(citizen);
    } else {
      const applied = await applyInUi(citizen);
      app = applied;
      childName = applied.childName;
    }

    // the health commission: accept, then approve with the certificate number the police need
    const health = await h.newPage(DESKTOP);
    await signIn(health, 'officer-health', '/back-office');
    await openSubcase(health, '出生医学证明签发', 'health');
    const section = (page: Page, title: string) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
    expect(await section(health, '申请数据（仅本事项所需）').textContent()).toContain(childName);
    // 数据最小化: the household address is the police's matter, not this one
    expect(await section(health, '申请数据（仅本事项所需）').textContent()).not.toContain('户籍地址');
    expect(await health.getByRole('button', { name: '受理', exact: true }).count()).toBe(1);
    await health.getByRole('button', { name: '受理', exact: true }).click();
    await poll(() => flash(health, '已受理').count()).toBe(1);
    // approving without the number the police need is refused, in Chinese, with what is missing
    await approve(health);
    const missing = health.getByRole('alert').filter({ hasText: '办结结果缺少后续事项所需的信息' });
    await poll(() => missing.count()).toBe(1);
    expect(await missing.textContent()).toContain('证书编号');
    expect(await missing.textContent()).not.toContain('certificateNo');
    await checkA11y(health, 'health: approve refused');
    await health.getByLabel(/^证书编号/).fill(CERTIFICATE_NO);
    await health.getByLabel(/^新生儿姓名/).fill(childName);
    // the result document (办结文书) goes up with the approval: delivered online on the citizen's page
    await health.getByLabel('结果文书（可不填）', { exact: true }).setInputFiles({ name: '出生医学证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from(TINY_PDF) });
    await poll(() => health.getByText('已选择：出生医学证明.pdf').count()).toBe(1);
    await approve(health);
    await poll(() => flash(health, '已办结（准予）').count()).toBe(1);
    await poll(() => section(health, '办理结果').textContent()).toContain(CERTIFICATE_NO);
    expect(await section(health, '办理结果').getByRole('link', { name: '出生医学证明.pdf' }).getAttribute('href')).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
    expect(await section(health, '办理结果').textContent()).toContain('证书编号'); // named by the result field dictionary
    expect(await section(health, '办理过程').textContent()).toContain('受理');
    await checkA11y(health, 'health: approved');
    await screenshot(health, 'office-health-approved');

    // the police: 户口登记 was released with the certificate number; accept, then ask for a supplement
    const police = await h.newPage(DESKTOP);
    await signIn(police, 'officer-police', '/back-office');
    await openSubcase(police, '户口登记', 'police');
    expect(await section(police, '申请数据（仅本事项所需）').textContent()).toContain(CERTIFICATE_NO);
    expect(await section(police, '申请数据（仅本事项所需）').textContent()).toContain('户籍地址');
    // its materials: the birth certificate comes from the earlier matter; uploaded scans download as attachments
    expect(await section(police, '申请材料').textContent()).toContain('前序事项结果');
    const download = section(police, '申请材料').getByRole('link', { name: /^下载 / }).first();
    if ((await download.count()) > 0) {
      const href = (await download.getAttribute('href')) ?? '';
      expect(href).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
      const res = (await police.evaluate(`fetch(${JSON.stringify(href)}).then((r) => [r.status, r.headers.get('content-disposition') ?? ''])`)) as [number, string];
      expect(res[0]).toBe(200);
      expect(res[1]).toMatch(/^attachment/);
    }
    await police.getByRole('button', { name: '受理', exact: true }).click();
    await poll(() => flash(police, '已受理').count()).toBe(1);
    await police.getByLabel('需要补齐补正的内容').fill('请补充户主的联系电话');
    await police.getByRole('button', { name: '发送补齐补正告知' }).click();
    await poll(() => flash(police, '已发送补齐补正告知').count()).toBe(1);
    await poll(() => section(police, '办件信息').textContent()).toContain('补齐补正');
    await checkA11y(police, 'police: supplement requested');
    expect(await section(police, '办件信息').textContent()).toContain('新生儿出生');

    // the same page in English, then in elderly mode (larger controls)
    await police.getByRole('button', { name: 'English' }).click();
    await poll(() => police.getByRole('heading', { level: 2, name: 'Actions' }).count()).toBe(1);
    expect(await section(police, 'Case').textContent()).toContain('supplement requested');
    await checkA11y(police, 'police: sub-case in English');
    await police.getByRole('button', { name: 'Elderly mode' }).click();
    await poll(() => police.evaluate('document.documentElement.classList.contains("elderly")')).toBe(true);
    expect((await police.getByRole('link', { name: '← Cases of my unit' }).boundingBox())?.height ?? 0).toBeGreaterThan(0);
    await checkA11y(police, 'police: sub-case in English, elderly mode');
    await screenshot(police, 'office-police-english-elderly');
    await police.getByRole('button', { name: '中文' }).click();
    await police.getByRole('button', { name: '长者模式' }).click();
    await poll(() => police.evaluate('document.documentElement.classList.contains("elderly")')).toBe(false);

    // the citizen sees that something waits for them: in the menu and first on 我的办件
    await citizen.goto('/me/applications');
    await poll(() => citizen.locator('.site-nav .count-badge-waiting').getAttribute('data-waiting')).toBe('1');
    const waiting = citizen.locator('section').filter({ has: citizen.getByRole('heading', { level: 2, name: '待您处理（1 项）' }) });
    await poll(() => waiting.count()).toBe(1);
    expect(await waiting.textContent()).toContain('户口登记');
    expect(await citizen.locator('.app-item').filter({ hasText: '待您补正' }).count()).toBe(1);
    await checkA11y(citizen, 'citizen: a supplement waits');
    // the citizen answers the supplement on the application page
    await waiting.getByRole('link', { name: '去补正' }).click();
    await citizen.waitForURL(`**/me/applications/${app.id}`);
    await poll(() => citizen.getByText('需要补齐补正').count()).toBeGreaterThan(0);
    expect(await citizen.locator('main').textContent()).toContain('请补充户主的联系电话');
    await checkA11y(citizen, 'citizen: supplement asked');
    await citizen.getByLabel('补充说明').fill('户主电话 13907310009');
    // the answer carries a file (补正材料)
    await citizen.getByLabel('补正材料文件（可不传）').setInputFiles({ name: '户口簿首页.pdf', mimeType: 'application/pdf', buffer: Buffer.from(TINY_PDF) });
    await citizen.getByRole('button', { name: '提交补正' }).click();
    await poll(() => citizen.getByText('补正已提交').count()).toBeGreaterThan(0);
    await poll(() => citizen.locator('.site-nav .count-badge-waiting').count()).toBe(0);
    await checkA11y(citizen, 'citizen: supplement answered');
    await expectNoHorizontalScroll(citizen, 'application page');

    // the police see the answer (handling again) and approve
    await police.reload();
    await poll(() => section(police, '办件信息').textContent()).toContain('在办');
    expect(await section(police, '办理过程').textContent()).toContain('户主电话 13907310009');
    // the file of the answer is on the sub-case page and downloads as an attachment
    const supplementFile = section(police, '申请人补正的材料').getByRole('link', { name: '下载 户口簿首页.pdf' });
    await poll(() => supplementFile.count()).toBe(1);
    const fileHref = (await supplementFile.getAttribute('href')) ?? '';
    const fileRes = (await police.evaluate(`fetch(${JSON.stringify(fileHref)}).then((r) => [r.status, r.headers.get('content-disposition') ?? ''])`)) as [number, string];
    expect(fileRes).toEqual([200, expect.stringMatching(/^attachment/)]);
    await police.getByLabel(/^公民身份号码/).fill(CHILD_ID);
    await police.getByLabel(/^户号/).fill(HOUSEHOLD_NO);
    await approve(police);
    await poll(() => flash(police, '已办结（准予）').count()).toBe(1);
    expect(await police.getByRole('button', { name: '受理', exact: true }).count()).toBe(0);
    await checkA11y(police, 'police: approved');
    await screenshot(police, 'office-police-approved');

    // the worklist filtered by 办结 lists it
    await police.goto('/back-office?status=10');
    await poll(() => police.getByRole('link', { name: '户口登记' }).count()).toBe(1);
    await checkA11y(police, 'police: worklist of completed cases');

    // one delivery: every result together
    await citizen.goto(`/me/applications/${app.id}`);
    await poll(() => citizen.getByText('办理结果（一次送达）').count()).toBeGreaterThan(0);
    const page = (await citizen.locator('main').textContent()) ?? '';
    expect(page).toContain(CERTIFICATE_NO);
    expect(page).toContain(HOUSEHOLD_NO);
    // each result field named by the result field dictionary, in the UI's language
    const resultRows = () => citizen.locator('.result-fields > div').evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent]));
    expect(await resultRows()).toEqual(expect.arrayContaining([['证书编号', CERTIFICATE_NO], ['新生儿姓名', childName], ['公民身份号码', CHILD_ID], ['户号', HOUSEHOLD_NO]]));
    // the health commission's result document downloads as an attachment
    const documentLink = citizen.getByRole('link', { name: '下载《出生医学证明.pdf》' }).first();
    await poll(() => documentLink.count()).toBe(1);
    const href = (await documentLink.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);
    const fetched = (await citizen.evaluate(`fetch(${JSON.stringify(href)}).then(async (r) => [r.status, r.headers.get('content-disposition') ?? '', (await r.text()).slice(0, 5)])`)) as [number, string, string];
    expect(fetched).toEqual([200, expect.stringMatching(/^attachment/), '%PDF-']);
    await checkA11y(citizen, 'citizen: one delivery');
    await screenshot(citizen, 'citizen-newborn-delivered');
    await citizen.getByRole('button', { name: 'English' }).click();
    await poll(() => citizen.getByText('Your results (one delivery)').count()).toBeGreaterThan(0);
    expect(await resultRows()).toEqual(expect.arrayContaining([
      ['Certificate number', CERTIFICATE_NO], ["Child's name", childName], ['Citizen ID number', CHILD_ID], ['Household number', HOUSEHOLD_NO],
    ]));
  }, 180_000); // generous: the machine may be busy; each step polls
});
