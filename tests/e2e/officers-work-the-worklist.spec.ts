// A department officer works through the unit's worklist: more than a page of new birth-certificate
// sub-cases (keyset paging forward and back), filtered by status; on single sub-cases: not accepting
// without a reason is refused in Chinese with what to fix, then with one; a special procedure started
// and ended; a rejection with its reason; the same refusal read in English. axe on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeResidentId } from '../../src/platform/identifiers.ts';
import { browserAvailable, checkA11y, DESKTOP, screenshot, startHarness, type Harness } from './helpers.ts';
import { apiIn, daysAgo, poll, signIn, TINY_PDF } from './office-helpers.ts';
import { childFor, NEWBORN_ANSWERS as ANSWERS } from '../fixtures/newborn.ts';

const values = (i: number) => ({
  'applicant.phone': '13807310001',
  'applicant.household-address': '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室',
  ...childFor(`e2e-worklist-${i}`), // a child of its own: the same birth is applied for once
  'child.gender': '1',
  'child.birth-date': daysAgo(5 + (i % 20)),
  'child.birth-place': '湖南省长沙市开福区湖南省妇幼保健院',
  'child.birth-weight': 3000 + i,
  'child.ethnicity': '汉族',
  'child.household-follow': 'father',
  'mother.name': '李某某',
  'mother.id-number': makeResidentId('430105', '1994-03-02', 22),
  'father.name': '张三',
  'father.id-number': makeResidentId('430102', '1990-03-07', 131),
});
const APPLICATIONS = 23;

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const rows = (page: Page) => page.locator('tbody tr.ant-table-row');
const section = (page: Page, title: string) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: title }) });

describe.skipIf(!browserAvailable())('an officer works the unit worklist', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('pages, filters and acts on sub-cases', async () => {
    // set-up: the citizen applies 23 times through the API
    const citizen = await h.newPage(DESKTOP);
    await signIn(citizen, 'citizen', '/');
    // the scans the form asks for: one PDF, used for each required upload
    const form = await apiIn<{ materials: Array<{ code: string; required: boolean; provision: string }> }>(citizen, 'POST', '/api/themes/newborn/form', { answers: ANSWERS });
    const scan = await apiIn<{ id: string }>(citizen, 'POST', `/api/uploads?name=${encodeURIComponent('scan.pdf')}`, undefined, { bytes: TINY_PDF, type: 'application/pdf' });
    const materials = form.materials.filter((m) => m.required && m.provision === 'upload').map((m) => ({ code: m.code, provision: 'upload', uploadIds: [scan.id] }));
    for (let i = 0; i < APPLICATIONS; i++)
      await apiIn(citizen, 'POST', '/api/applications', {
        themeCode: 'newborn', answers: ANSWERS, values: values(i), delivery: { way: 'online' }, idempotencyKey: `e2e-worklist-${i}-${Date.now()}`, materials,
      });

    const page = await h.newPage(DESKTOP);
    await signIn(page, 'officer-health', '/back-office');
    await poll(() => h1(page)).toBe('本单位办件');
    await poll(() => rows(page).count()).toBe(20);
    expect(await page.locator('.pager').textContent()).toContain(`共 ${APPLICATIONS} 件`);
    await checkA11y(page, 'worklist, page 1');
    const first = await rows(page).first().textContent();

    // keyset paging: next, then back
    await page.getByRole('button', { name: '下一页' }).click();
    await poll(() => rows(page).count()).toBe(APPLICATIONS - 20);
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    expect(await page.locator('.pager').textContent()).toContain('第 2 页');
    await checkA11y(page, 'worklist, page 2');
    await page.getByRole('button', { name: '上一页' }).click();
    await poll(() => rows(page).count()).toBe(20);
    expect(await rows(page).first().textContent()).toBe(first);

    // newest first is another order of the same cases
    await page.getByText('按最新收件').click();
    await poll(() => page.url()).toContain('sort=newest');
    await poll(() => rows(page).count()).toBe(20);
    await page.getByText('按办结期限').click();

    // not accepting needs a reason: refused with what to fix, then done
    await rows(page).nth(0).getByRole('link').click();
    await page.waitForURL(/\/back-office\/subcases\//);
    await poll(() => h1(page)).toContain('出生医学证明签发');
    await page.getByRole('button', { name: '不予受理' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '请填写“理由”' });
    await poll(() => refused.count()).toBe(1);
    expect(await page.locator('#act-not-accept-text').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.id')).toBe('act-not-accept-text');
    await checkA11y(page, 'not accepting without a reason');
    // in English the same refusal reads in English
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.getByRole('heading', { level: 2, name: 'Actions' }).count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'Fill in "Reason"' }).count()).toBe(1);
    await checkA11y(page, 'refusal in English');
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('#act-not-accept-text').fill('新生儿不在本市助产机构出生，不属于本机构签发范围');
    await page.getByRole('button', { name: '不予受理' }).click();
    // it cannot be undone: asked once more, and cancelling sends nothing
    const confirm = page.getByRole('alertdialog').filter({ hasText: '确定不予受理本事项？' });
    await poll(() => confirm.count()).toBe(1);
    expect(await confirm.textContent()).toContain('提交后不能撤销');
    await checkA11y(page, 'not accepting: asked to confirm');
    await confirm.getByRole('button', { name: '取消' }).click();
    await poll(() => confirm.count()).toBe(0);
    expect(await section(page, '办件信息').textContent()).not.toContain('不予受理');
    await page.getByRole('button', { name: '不予受理' }).click();
    await confirm.getByRole('button', { name: '确认不予受理' }).click();
    await poll(() => section(page, '办件信息').textContent()).toContain('不予受理');
    expect(await page.getByText('当前状态下没有可执行的操作。').count()).toBe(1);
    expect(await section(page, '办理过程').textContent()).toContain('不属于本机构签发范围');
    await checkA11y(page, 'not accepted');

    // another: accept, special procedure started and ended, then rejected with the reason
    await page.getByRole('link', { name: '← 返回本单位办件' }).first().click();
    await page.waitForURL(/\/back-office$/);
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: /^收件$/ }).click();
    await poll(() => page.url()).toContain('status=02');
    await poll(() => rows(page).count()).toBe(20);
    await rows(page).nth(0).getByRole('link').click();
    await page.waitForURL(/\/back-office\/subcases\//);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await poll(() => section(page, '办件信息').textContent()).toContain('受理');
    await page.getByLabel('特别程序的种类和理由').fill('需要核实分娩医院的出生记录（检验检测）');
    await page.getByRole('button', { name: '启动特别程序' }).click();
    await poll(() => section(page, '办件信息').textContent()).toContain('挂起');
    expect(await section(page, '办件信息').textContent()).toContain('计时暂停中');
    await checkA11y(page, 'special procedure');
    await page.getByRole('button', { name: '结束特别程序' }).click();
    await poll(() => section(page, '办件信息').textContent()).toContain('在办');
    await page.locator('#act-reject-text').fill('出生记录与申请信息不一致');
    await page.getByRole('button', { name: '办结（不予许可）' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确认办结（不予许可）' }).click();
    await poll(() => section(page, '办件信息').textContent()).toContain('办结');
    expect(await section(page, '办理结果').textContent()).toContain('不予许可');
    await checkA11y(page, 'rejected');
    await screenshot(page, 'office-rejected');

    // the worklist filtered by 不予受理 (07 is not a filter; 办结 is): the rejected case is there
    await page.goto('/back-office?status=10');
    await poll(() => rows(page).count()).toBe(1);
    await checkA11y(page, 'worklist of completed cases');
  }, 180_000); // generous: the machine may be busy; each step polls
});
