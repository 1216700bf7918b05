// A citizen pays a fee online: the newborn's 医保参保缴费 (380 元) has reached 市税务局, whose officer
// cannot approve it unpaid. On the application page (phone) the citizen sees 待缴费 and 在线缴费
// ¥380.00, goes to the payment provider's payer page (the simulator, its own process), pays, comes
// back and sees 已缴费; the officer's page says 已缴费 and the approval goes through. axe on our pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeResidentId } from '../../src/platform/identifiers.ts';
import { browserAvailable, checkA11y, DESKTOP, PHONE, screenshot, startHarness, type Harness } from './helpers.ts';
import { apiIn, poll, signIn, TINY_PDF } from './office-helpers.ts';
import { NEWBORN_ANSWERS, NEWBORN_VALUES } from '../fixtures/newborn.ts';

const ANSWERS = { ...NEWBORN_ANSWERS, vaccination: ['done'], insurance: ['yes'], 'social-card': ['no'] };
const VALUES = {
  ...NEWBORN_VALUES,
  'applicant.name': '张三',
  'applicant.address': '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室',
  'applicant.household-address': '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室',
  'father.name': '张三',
  'father.id-number': makeResidentId('430102', '1990-03-07', 131),
  'applicant.id-number': makeResidentId('430102', '1990-03-07', 131),
  'child.guardian-relation': 'father',
  'medical-insurance.contribution-year': new Date().getFullYear(),
};
/** FIELDS narrowed to those the sub-case's matter declares (a result carries only its own fields) */
async function declared(officer: Page, subcaseId: string): Promise<Record<string, string>> {
  const detail = await apiIn<{ expectedResult: { fields: string[] } }>(officer, 'GET', `/api/back-office/subcases/${subcaseId}`);
  return Object.fromEntries(Object.entries(FIELDS).filter(([k]) => detail.expectedResult.fields.includes(k)));
}
const FIELDS = { certificateNo: 'T430123456', idNumber: makeResidentId('430104', '2025-06-01', 12), householdNo: '430104123456', insuredNo: 'CS2025060100012', receiptNo: 'SB2025000123' };

interface AppView { id: string; subcases: Array<{ id: string; matterCode: string; unitCode: string; status: { code: string } }> }
const feeSection = (page: Page) => page.locator('section.fees');

describe.skipIf(!browserAvailable())('a citizen pays a fee online', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ payment: true });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('pays 医保参保缴费 through the payer page and sees it paid; the officer can then approve', async () => {
    // set-up through the API: the application, and the units before 市税务局 approve
    const citizen = await h.newPage(PHONE);
    await signIn(citizen, 'citizen', '/');
    const form = await apiIn<{ materials: Array<{ code: string; required: boolean; provision: string }> }>(citizen, 'POST', '/api/themes/newborn/form', { answers: ANSWERS });
    const scan = await apiIn<{ id: string }>(citizen, 'POST', `/api/uploads?name=${encodeURIComponent('scan.pdf')}`, undefined, { bytes: TINY_PDF, type: 'application/pdf' });
    const materials = form.materials.filter((m) => m.required && m.provision === 'upload').map((m) => ({ code: m.code, provision: 'upload', uploadIds: [scan.id] }));
    const { id } = await apiIn<{ id: string }>(citizen, 'POST', '/api/applications', {
      themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: `e2e-fee-${Date.now()}`, materials,
    });
    const officers = new Map<string, Page>();
    for (const [username, unit] of [['officer-health', 'city-health'], ['officer-police', 'furong-wenyilu-police'], ['officer-medins', 'furong-medical-insurance'], ['officer-tax', 'city-tax']] as const) {
      const page = await h.newPage(DESKTOP);
      await signIn(page, username, '/back-office');
      officers.set(unit, page);
    }
    const view = () => apiIn<AppView>(citizen, 'GET', `/api/applications/${id}`);
    for (let a = await view(); !a.subcases.some((s) => s.matterCode === 'medical-insurance-payment' && s.status.code === '02'); a = await view()) {
      const ready = a.subcases.filter((s) => s.status.code === '02');
      expect(ready.length, JSON.stringify(a.subcases)).toBeGreaterThan(0);
      for (const s of ready) {
        const officer = officers.get(s.unitCode);
        expect(officer, `an officer of ${s.unitCode}`).toBeDefined();
        await apiIn(officer!, 'POST', `/api/back-office/subcases/${s.id}/accept`, {});
        await apiIn(officer!, 'POST', `/api/back-office/subcases/${s.id}/approve`, { fields: await declared(officer!, s.id) });
      }
    }
    const fee = (await view()).subcases.find((s) => s.matterCode === 'medical-insurance-payment')!;
    const tax = officers.get('city-tax')!;
    await apiIn(tax, 'POST', `/api/back-office/subcases/${fee.id}/accept`, {});

    // the officer sees it unpaid
    await tax.goto(`/back-office/subcases/${fee.id}`);
    await poll(() => tax.locator('.payment-fact').getAttribute('data-state')).toBe('unpaid');
    expect(await tax.locator('.payment-fact').textContent()).toContain('缴费后方可办结');
    await checkA11y(tax, 'officer: fee unpaid');

    // the citizen: 待缴费, pay online
    await citizen.goto(`/me/applications/${id}`);
    await poll(() => feeSection(citizen).count()).toBe(1);
    await poll(() => feeSection(citizen).locator('.tag').first().textContent()).toBe('待缴费');
    expect(await feeSection(citizen).textContent()).toContain('城乡居民基本医疗保险个人缴费：¥380.00');
    await checkA11y(citizen, 'citizen: fee to pay');
    await screenshot(citizen, 'citizen-fee-unpaid');
    await feeSection(citizen).getByRole('button', { name: '在线缴费 ¥380.00' }).click();

    // the provider's payer page (another origin), then back
    await citizen.waitForURL(/\/pay\//);
    await poll(() => citizen.getByRole('heading', { level: 1 }).textContent()).toContain('收银台');
    expect(await citizen.textContent('body')).toContain('¥380.00');
    await citizen.getByRole('button', { name: '确认支付' }).click();
    await citizen.waitForURL((u) => u.pathname === `/me/applications/${id}`);
    await poll(() => feeSection(citizen).locator('.tag').first().textContent(), { timeout: 60_000 }).toBe('已缴费');
    expect(await feeSection(citizen).textContent()).toContain('网上缴费');
    expect(await feeSection(citizen).getByRole('button').count()).toBe(0);
    await checkA11y(citizen, 'citizen: fee paid');
    await screenshot(citizen, 'citizen-fee-paid');

    // the officer sees it paid and approves
    await tax.reload();
    await poll(() => tax.locator('.payment-fact').getAttribute('data-state')).toBe('paid');
    await apiIn(tax, 'POST', `/api/back-office/subcases/${fee.id}/approve`, { fields: await declared(tax, fee.id) });
    await poll(async () => (await view()).subcases.find((s) => s.id === fee.id)!.status.code).toBe('10');
  }, 600_000);
});
