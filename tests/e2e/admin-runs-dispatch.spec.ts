// 分发与对接: the platform admin configures the health commission's system as a push adapter (to an
// address where nothing listens yet) and gives it a key, seen once. A newborn application releases the
// birth certificate sub-case there; the real dispatcher, allowed one attempt, gives up: the admin sees
// the dead letter. The unit's system (a department simulator, own process, with the admin's key) comes
// up; the admin points the adapter at it and resends; it arrives. Then a reconciliation run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDepartmentSimulator, type RunningDepartmentSimulator } from '../../sim/departments/start-simulator.ts';
import { dispatchSubscribers } from '../../src/modules/dispatch/index.ts';
import { OutboxDispatcher } from '../../src/platform/outbox.ts';
import { makeResidentId } from '../../src/platform/identifiers.ts';
import { NEWBORN_ANSWERS as ANSWERS } from '../fixtures/newborn.ts';
import { browserAvailable, checkA11y, DESKTOP, expectNoHorizontalScroll, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';
import { TINY_PDF, apiIn, daysAgo, poll, signIn } from './office-helpers.ts';

const NOWHERE = 'http://127.0.0.1:9/yijian';

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

/** The newborn application through the API (uploads what must be uploaded, defers what may be deferred). */
async function submitNewborn(page: Page): Promise<{ id: string; number: string }> {
  const form = await apiIn<{ materials: Array<{ code: string; provision: string; deferrable: boolean }> }>(page, 'POST', '/api/themes/newborn/form', { answers: ANSWERS });
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
    themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' },
    idempotencyKey: `e2e-dispatch-${Date.now()}`, materials, ...(deferred ? { promise: { signedName: '张三', agreed: true } } : {}),
  });
}

describe.skipIf(!browserAvailable())('the platform admin runs dispatch to a unit system', () => {
  let h: Harness;
  let sim: RunningDepartmentSimulator | undefined;
  beforeAll(async () => {
    h = await startHarness({ outbox: false });
  });
  afterAll(async () => {
    await sim?.stop();
    await h?.close();
  });

  /** The real dispatcher against the harness database, run until nothing is left to claim. */
  const drain = async (maxAttempts?: number) => {
    const d = new OutboxDispatcher(h.ctx.database, maxAttempts ? { maxAttempts } : {});
    d.subscribe(...dispatchSubscribers(h.ctx));
    await d.drain();
  };

  it('configures a push adapter and a key, sees the dead letter, resends to the unit system, reconciles', async () => {
    const admin = await h.newPage(DESKTOP);
    await signIn(admin, 'admin', '/admin/dispatch');
    await poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('分发与对接');
    await checkA11y(admin, 'dispatch page');

    // city-health as push, to an address where nothing listens; first without the endpoint, then with one the server refuses
    await admin.getByRole('button', { name: '配置单位对接' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('选择单位').click();
    await admin.keyboard.type('city-health');
    await admin.locator('.ant-select-item-option').filter({ hasText: '市卫生健康委（city-health）' }).click();
    await dialog.getByRole('radio', { name: '推送' }).check();
    await checkA11y(admin, 'adapter dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => dialog.locator('#adapter-endpoint-problem').textContent()).toBe('推送方式须填写单位系统的接口地址');
    expect(await dialog.getByLabel('接口地址').getAttribute('aria-invalid')).toBe('true');
    // an address the server refuses: its problem at the field, in Chinese
    await dialog.getByLabel('接口地址').fill('ftp://127.0.0.1/yijian');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(async () => (await dialog.locator('#adapter-endpoint-problem').textContent()) ?? '').toContain('格式不正确');
    expect(await dialog.getByLabel('接口地址').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('alert').first().textContent()).toContain('提交的数据不符合要求');
    await checkA11y(admin, 'adapter dialog with the server’s problem');
    await dialog.getByLabel('接口地址').fill(NOWHERE);
    await dialog.getByLabel(/超时/).fill('3000');
    await dialog.getByRole('button', { name: '保存' }).click();
    await poll(() => admin.getByRole('dialog').count()).toBe(0);
    const row = admin.locator('tbody tr.ant-table-row').filter({ hasText: 'city-health' }).first();
    await poll(async () => (await row.textContent()) ?? '').toContain(NOWHERE);
    expect(await row.textContent()).toContain('推送');
    expect(await row.textContent()).toContain('超时 3000 毫秒');

    // a key, its secret shown once
    await row.getByRole('button', { name: '新增密钥：市卫生健康委' }).click();
    const secretDialog = admin.getByRole('dialog');
    await poll(() => secretDialog.getByText('密钥只显示这一次').count()).toBe(1);
    const keyId = (await secretDialog.locator('#new-key-id').textContent()) ?? '';
    const secret = await secretDialog.getByLabel('密钥', { exact: true }).inputValue();
    expect(keyId).toMatch(/^k\d{8}-[0-9a-f]{6}$/);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await checkA11y(admin, 'new key dialog');
    await screenshot(admin, 'admin-dispatch-new-key');
    await secretDialog.getByRole('button', { name: '我已妥善保存' }).click();
    await poll(() => admin.getByRole('dialog').count()).toBe(0);
    expect(await row.textContent()).toContain(keyId);
    expect(await admin.locator('body').textContent()).not.toContain(secret);

    // a citizen applies; the dispatcher, allowed one attempt, gives up on city-health
    const citizen = await h.newPage(DESKTOP);
    await signIn(citizen, 'citizen', '/');
    await submitNewborn(citizen);
    await drain(1);

    await admin.getByRole('button', { name: '刷新' }).click();
    const deadRow = admin.locator('tbody tr.ant-table-row').filter({ hasText: '子件分发' });
    await poll(() => deadRow.count()).toBe(1);
    expect(await deadRow.textContent()).toContain('subcase.released');
    expect(await deadRow.textContent()).toContain('市卫生健康委');
    expect(await deadRow.textContent()).toMatch(/fetch failed|ECONNREFUSED|connect/i);
    await checkA11y(admin, 'dispatch page with a dead letter');
    await screenshot(admin, 'admin-dispatch-dead-letter');

    // the unit's system comes up with the admin's key; the admin points the adapter at it and resends
    sim = await startDepartmentSimulator({ unitCode: 'city-health', keyId, secret, mode: 'push', hold: true });
    await row.getByRole('button', { name: '编辑：市卫生健康委' }).click();
    const edit = admin.getByRole('dialog');
    expect(await edit.getByLabel('接口地址').inputValue()).toBe(NOWHERE);
    await edit.getByLabel('接口地址').fill(sim.url);
    await edit.getByRole('button', { name: '保存' }).click();
    await poll(() => admin.getByRole('dialog').count()).toBe(0);
    await poll(async () => (await row.textContent()) ?? '').toContain(sim.url);

    await deadRow.getByRole('button', { name: /^重发/ }).click();
    await poll(() => admin.getByText('已重新投递').count()).toBe(1);
    await drain();
    await admin.getByRole('button', { name: '刷新' }).click();
    await poll(() => deadRow.count()).toBe(0);
    expect((await sim.stats()).received).toBe(1);

    // reconciliation now: the sub-case was delivered a moment ago, so it may not be checked yet
    await admin.getByRole('button', { name: '立即对账' }).click();
    await poll(() => admin.getByText(/已核对 \d+ 件，新发现差异 \d+ 处/).count()).toBe(1);
    await checkA11y(admin, 'dispatch page after resend and reconciliation');
    await screenshot(admin, 'admin-dispatch-delivered');

    // rotation done by keyboard: a second key, then the first one retired after a confirmation
    await row.getByRole('button', { name: '新增密钥：市卫生健康委' }).focus();
    await admin.keyboard.press('Enter');
    await poll(() => admin.getByRole('dialog').getByText('密钥只显示这一次').count()).toBe(1);
    const secondKey = (await admin.locator('#new-key-id').textContent()) ?? '';
    expect(secondKey).not.toBe(keyId);
    await admin.keyboard.press('Escape');
    await poll(() => admin.getByRole('dialog').count()).toBe(0);
    await poll(async () => (await row.textContent()) ?? '').toContain(secondKey);
    await row.getByRole('button', { name: `停用密钥 ${keyId}（市卫生健康委）` }).focus();
    await admin.keyboard.press('Enter');
    const confirm = admin.getByRole('dialog');
    await poll(() => confirm.getByText('无法恢复', { exact: false }).count()).toBe(1);
    await checkA11y(admin, 'retire key confirmation');
    await confirm.getByRole('button', { name: '停用' }).focus();
    await admin.keyboard.press('Enter');
    await poll(() => admin.getByText(`密钥 ${keyId} 已停用`).count()).toBe(1);
    await poll(async () => (await row.textContent()) ?? '').toContain('另有 1 个已停用');
    expect(await row.textContent()).not.toContain(keyId);

    // at phone width: no sideways scroll, the dialog fits
    const phone = await h.newPage(PHONE);
    await signIn(phone, 'admin', '/admin/dispatch');
    await poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe('分发与对接');
    await poll(async () => (await phone.locator('tbody tr.ant-table-row').filter({ hasText: 'city-health' }).count())).toBe(1);
    await expectNoHorizontalScroll(phone, 'dispatch page on a phone');
    await checkA11y(phone, 'dispatch page on a phone');
    await phone.locator('tbody tr.ant-table-row').filter({ hasText: 'city-health' }).getByRole('button', { name: '编辑：市卫生健康委' }).click();
    await poll(() => phone.getByRole('dialog').count()).toBe(1);
    await expectNoHorizontalScroll(phone, 'adapter dialog on a phone');
    await screenshot(phone, 'admin-dispatch-phone');
  });
});
