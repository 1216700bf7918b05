// 二次录入: the civil affairs bureau's own system has no interface, so its sub-cases come to a re-entry
// queue. A citizen applies for 身后事 (after a death); the health commission approves the death
// certificate; the cremation certificate is released to civil affairs; its clerk finds the queue from
// the worklist, sees what to type into the bureau's system, and records that system's case number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCatalog } from '../../src/modules/catalog/index.ts';
import { buildThemeForm } from '../../src/modules/forms/index.ts';
import { resolveGuidance } from '../../src/modules/guidance/index.ts';
import { valueGenerator } from '../helpers/valid-values.ts';
import { browserAvailable, checkA11y, DESKTOP, screenshot, startHarness, type Harness } from './helpers.ts';
import { apiIn, poll, signIn, TINY_PDF } from './office-helpers.ts';

describe.skipIf(!browserAvailable())('a clerk re-enters a case into a system without an interface', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ outbox: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('queues the released sub-case, shows what to enter, records the external case number', async () => {
    // the citizen applies (through the API: the form pages have their own journeys)
    const citizen = await h.newPage(DESKTOP);
    await signIn(citizen, 'citizen', '/');
    let answers: Record<string, string[]> = {};
    for (let round = 0; round < 10; round++) {
      const notice = await apiIn<{ pending: string[]; answers: Record<string, string[]>; questions: Array<{ code: string; options: Array<{ code: string }> }> }>(
        citizen, 'POST', '/api/themes/after-death/notice', { answers });
      if (notice.pending.length === 0) break;
      answers = { ...notice.answers };
      for (const q of notice.questions.filter((x) => notice.pending.includes(x.code))) answers[q.code] = [q.options[0]!.code];
    }
    const catalog = publishedCatalog(h.ctx.database);
    const [bundle, elements] = await Promise.all([catalog.theme('after-death'), catalog.elements()]);
    const resolution = resolveGuidance(bundle.theme, answers);
    expect(resolution.matters).toContain('cremation-certificate');
    // the applicant is who signed in: the identity elements are the account's
    const profile = await apiIn<{ name: string; idNumber: string }>(citizen, 'GET', '/api/me/profile');
    const values = valueGenerator({ seed: 7, today: new Date(), applicant: { name: profile.name, idNumber: profile.idNumber } }).values(buildThemeForm(bundle, resolution, elements).elements);
    const form = await apiIn<{ materials: Array<{ code: string; required: boolean; provision: string }> }>(citizen, 'POST', '/api/themes/after-death/form', { answers });
    const scan = await apiIn<{ id: string }>(citizen, 'POST', `/api/uploads?name=${encodeURIComponent('scan.pdf')}`, undefined, { bytes: TINY_PDF, type: 'application/pdf' });
    const materials = form.materials.filter((m) => m.required && m.provision === 'upload').map((m) => ({ code: m.code, provision: 'upload', uploadIds: [scan.id] }));
    const app = await apiIn<{ id: string; number: string }>(citizen, 'POST', '/api/applications', {
      themeCode: 'after-death', answers, values, delivery: { way: 'online' }, idempotencyKey: `e2e-reentry-${Date.now()}`, materials,
    });

    // the health commission approves the death certificate (the cremation certificate waits for it)
    const health = await h.newPage(DESKTOP);
    await signIn(health, 'officer-health', '/back-office');
    const list = await apiIn<{ items: Array<{ id: string; applicationNumber: string; matterCode: string }> }>(health, 'GET', '/api/back-office/subcases?limit=100');
    const death = list.items.find((s) => s.applicationNumber === app.number && s.matterCode.startsWith('death-certificate'))!;
    expect(death).toBeDefined();
    await apiIn(health, 'POST', `/api/back-office/subcases/${death.id}/accept`, {});
    const detail = await apiIn<{ expectedResult?: { fields: string[] } }>(health, 'GET', `/api/back-office/subcases/${death.id}`);
    // values valid for the result field dictionary (a date field a real date; others text or a number)
    const fields = Object.fromEntries((detail.expectedResult?.fields ?? ['certificateNo']).map((f) => [f, f === 'certificateNo' ? 'SW430100202611280001' : f.endsWith('Date') ? '2026-11-27' : `${f}-value`]));
    await apiIn(health, 'POST', `/api/back-office/subcases/${death.id}/approve`, { fields });

    // the clerk of civil affairs: the worklist points to the re-entry queue once the outbox has run
    const clerk = await h.newPage(DESKTOP);
    await signIn(clerk, 'officer-civil', '/back-office');
    const link = clerk.getByRole('link', { name: /二次录入/ });
    await poll(async () => {
      await clerk.reload();
      await clerk.waitForLoadState('networkidle');
      return link.count();
    }, { timeout: 20_000 }).toBe(1);
    await checkA11y(clerk, 'worklist with a re-entry queue');
    await link.click();
    await clerk.waitForURL(/\/back-office\/re-entry$/);
    await poll(() => clerk.getByRole('heading', { level: 1 }).textContent()).toBe('二次录入');
    const card = clerk.locator('.reentry-card').filter({ hasText: app.number });
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('火化');
    expect(await card.textContent()).toContain('新办件');
    await checkA11y(clerk, 're-entry queue');
    await screenshot(clerk, 'clerk-re-entry-queue');

    // nothing typed: said next to the field
    await card.getByRole('button', { name: '已录入' }).click();
    await poll(() => card.getByText('请填写本单位系统生成的办件编号').count()).toBe(1);
    await card.getByLabel('本单位系统办件编号').fill('MZ-2026-000731');
    await card.getByRole('button', { name: '已录入' }).click();
    await poll(() => clerk.getByRole('status').filter({ hasText: 'MZ-2026-000731' }).count()).toBe(1);
    await poll(() => clerk.locator('.reentry-card').filter({ hasText: app.number }).count()).toBe(0);
    await checkA11y(clerk, 're-entry queue after recording');

    // counted for the city: one entry by civil affairs
    const admin = await h.newPage(DESKTOP);
    await signIn(admin, 'admin', '/');
    const stats = await apiIn<{ units: Array<{ unitCode: string; entered: number }> }>(admin, 'GET', '/api/admin/re-entry/stats');
    expect(stats.units.find((u) => u.unitCode === 'city-civil-affairs')?.entered).toBe(1);
  });
});
