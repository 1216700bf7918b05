// 人员管理: the platform admin imports staff from a file — the dry run lists the problems by row, the
// fixed file imports with progress — opens an account, assigns a role; the new officer signs in and must
// change the initial password first; the admin disables the account and it can no longer sign in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, checkA11y, DESKTOP, screenshot, startHarness, type Harness } from './helpers.ts';

const HEADER = '用户名,姓名,手机号,单位代码,角色';
const csv = (lines: string[]) => ({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(`${[HEADER, ...lines].join('\n')}\n`) });

async function signIn(page: Page, username: string, password: string, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).last().click();
}

describe.skipIf(!browserAvailable())('admin manages staff', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('imports with a dry run, creates an account, assigns a role; the officer must change the password; disabled, it cannot sign in', async () => {
    const admin = await h.newPage(DESKTOP);
    await signIn(admin, 'admin', 'Yijian@2023', '/admin/staff/import');
    await admin.waitForURL(/\/admin\/staff\/import$/);
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('批量导入人员');
    await checkA11y(admin, 'staff import');

    // a file with problems: the dry run names each by row, and nothing is stored
    await admin.getByLabel('选择文件').setInputFiles(csv([
      'health-a,甲医生,13807317001,city-health,审批人员',
      'health-b,乙医生,1380731,city-health,审批人员',
      'health-c,丙医生,13807317003,no-such-unit,审批人员',
    ]));
    await admin.getByRole('button', { name: '试导入' }).click();
    await expect.poll(() => admin.getByRole('alert').filter({ hasText: '发现 2 处问题' }).count(), { timeout: 20_000 }).toBe(1);
    const problems = admin.locator('tbody tr.ant-table-row');
    await expect.poll(() => problems.count(), { timeout: 20_000 }).toBe(2);
    expect(await problems.nth(0).textContent()).toContain('第 3 行：手机号“1380731”不是 11 位大陆手机号');
    expect(await problems.nth(1).textContent()).toContain('第 4 行：单位“no-such-unit”不存在');
    await checkA11y(admin, 'staff import, dry run with problems');
    await screenshot(admin, 'admin-staff-import-problems');
    expect(await h.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'health-a').execute()).toEqual([]);

    // fixed: the dry run passes, the import shows its progress and the initial passwords once
    await admin.getByLabel('选择文件').setInputFiles(csv([
      'health-a,甲医生,13807317001,city-health,审批人员',
      'health-b,乙医生,13807317002,city-health,审批人员',
      'health-c,丙医生,13807317003,city-health,综合窗口',
    ]));
    await admin.getByRole('button', { name: '试导入' }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: '试导入通过：3 人可以导入' }).count(), { timeout: 20_000 }).toBe(1);
    await admin.getByRole('button', { name: '导入 3 人' }).click();
    await expect.poll(() => admin.getByText('已导入 3 人').count(), { timeout: 20_000 }).toBe(1);
    expect(await admin.getByRole('status').filter({ hasText: '正在导入：3 / 3' }).count()).toBe(1);
    await checkA11y(admin, 'staff import done');

    // the unit's staff: the imported people, and a new account
    await admin.getByRole('link', { name: '人员管理' }).first().click();
    await admin.waitForURL(/\/admin\/staff/);
    await admin.goto('/admin/staff?unit=city-health');
    const rowOf = (username: string) => admin.locator('tbody tr.ant-table-row').filter({ hasText: username });
    await expect.poll(() => rowOf('health-b').count(), { timeout: 20_000 }).toBe(1);
    await checkA11y(admin, 'staff of a unit');
    await admin.getByRole('button', { name: '新建账号' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('health-new');
    await dialog.getByLabel('姓名').fill('新医生');
    await dialog.getByLabel('手机号').fill('13807317009');
    await dialog.getByRole('button', { name: '保存' }).click();
    const shown = admin.getByRole('dialog').filter({ hasText: '账号 health-new 的初始密码' });
    await expect.poll(() => shown.count(), { timeout: 20_000 }).toBe(1);
    const initial = ((await shown.locator('code').textContent()) ?? '').trim();
    expect(initial).toMatch(/^[A-Za-z2-9]{12}$/);
    await checkA11y(admin, 'initial password shown once');
    await shown.getByRole('button', { name: '关闭' }).last().click();
    await expect.poll(() => rowOf('health-new').count(), { timeout: 20_000 }).toBe(1);
    expect(await rowOf('health-new').textContent()).toContain('待修改初始密码');

    // a second role in the unit
    await rowOf('health-new').getByRole('button', { name: '授予角色：新医生' }).click();
    const assign = admin.getByRole('dialog').filter({ hasText: '为“新医生”授予角色' });
    await assign.getByLabel('角色').click();
    await admin.locator('.ant-select-item-option').filter({ hasText: '单位管理员' }).click();
    await assign.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await rowOf('health-new').textContent()) ?? '', { timeout: 20_000 }).toContain('单位管理员');
    await screenshot(admin, 'admin-staff-of-unit');

    // the officer signs in: first the password change, nothing else
    const officer = await h.newPage(DESKTOP);
    await signIn(officer, 'health-new', initial);
    await officer.waitForURL(/\/change-password/);
    await officer.goto('/back-office');
    await expect.poll(() => officer.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('修改密码');
    expect(await officer.getByText('您的密码由管理员设置').count()).toBe(1);
    await checkA11y(officer, 'forced password change');
    await officer.getByLabel('当前密码（管理员告知的初始密码）').fill(initial);
    await officer.getByLabel('新密码', { exact: true }).fill('Newdoctor2026');
    await officer.getByLabel('再次输入新密码').fill('Newdoctor2026');
    await officer.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => officer.getByRole('link', { name: '部门办件' }).count(), { timeout: 20_000 }).toBe(1);
    await officer.getByRole('link', { name: '部门办件' }).click();
    await expect.poll(() => officer.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).not.toBe('修改密码');
    await admin.reload();
    await expect.poll(async () => (await rowOf('health-new').textContent()) ?? '', { timeout: 20_000 }).toContain('正常');

    // disabled: signed out and refused at the next sign-in
    await rowOf('health-new').getByRole('button', { name: '停用：新医生' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await expect.poll(async () => (await rowOf('health-new').textContent()) ?? '', { timeout: 20_000 }).toContain('已停用');
    const again = await h.newPage(DESKTOP);
    await signIn(again, 'health-new', 'Newdoctor2026');
    await expect.poll(() => again.getByRole('alert').filter({ hasText: '该账号已停用' }).count(), { timeout: 20_000 }).toBe(1);
  }, 300_000);
});
