// Reading intakes: the staff member's own list and one intake; the citizen's confirmations to give;
// and sending a new confirmation code.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { findUserById } from '../identity/index.ts';
import { issueCode, maskPhone } from './confirmation-code.ts';
import * as repo from './counter.repo.ts';
import { assertIntakeStaff, intakeConfirmed, intakeDeclined, intakeExpired, intakeNotFound } from './counter.policy.ts';
import type { TConfirmationView, TCounterIntakeView, TIntakeSummary } from '../../contract/counter.ts';
import { maskName } from './take-in-application.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** 'expired' once the 24 hours are over, whether or not a write has marked it yet. */
export const effectiveStatus = (row: repo.IntakeRow, now: Date): TCounterIntakeView['status'] =>
  row.status === 'awaiting-confirmation' && new Date(row.expires_at) <= now ? 'expired' : row.status;

async function themeName(ctx: AppContext, code: string): Promise<{ zh: string; en: string }> {
  try {
    const b = await publishedCatalog(ctx.database).theme(code);
    return { zh: b.theme.name, en: b.theme.nameEn };
  } catch {
    return { zh: code, en: code };
  }
}

async function names(ctx: AppContext, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const id of new Set(ids)) out.set(id, (await findUserById(ctx.database.db, id))?.display_name ?? '');
  return out;
}

async function present(ctx: AppContext, rows: repo.IntakeRow[]): Promise<TCounterIntakeView[]> {
  const now = ctx.now();
  const people = await names(ctx, rows.map((r) => Number(r.applicant_id)));
  const out: TCounterIntakeView[] = [];
  for (const r of rows) {
    out.push({
      id: r.id, status: effectiveStatus(r, now), themeCode: r.theme_code, themeName: await themeName(ctx, r.theme_code),
      channel: r.channel, onBehalfReason: r.on_behalf_reason, applicant: { name: maskName(people.get(Number(r.applicant_id)) ?? '') },
      staffId: Number(r.staff_id), createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at)!,
      codeSentTo: r.code_sent_to ? maskPhone(r.code_sent_to) : null, codeExpiresAt: r.status === 'awaiting-confirmation' ? iso(r.code_expires_at) : null,
      confirmation: r.confirmed_at && r.confirmation_method ? { at: iso(r.confirmed_at)!, method: r.confirmation_method } : null,
      declined: r.declined_at ? { at: iso(r.declined_at)!, reason: r.decline_reason } : null,
      application: r.application_id && r.application_number ? { id: r.application_id, number: r.application_number } : null,
      summary: r.summary as unknown as TIntakeSummary,
    });
  }
  return out;
}

export async function listStaffIntakes(ctx: AppContext, staff: Actor, limit: number, offset: number): Promise<TCounterIntakeView[]> {
  return present(ctx, await repo.listIntakesOfStaff(ctx.database.db, staff.id, limit, offset));
}

export async function getStaffIntake(ctx: AppContext, staff: Actor, id: string): Promise<TCounterIntakeView> {
  const row = await repo.getIntake(ctx.database.db, id);
  if (!row) throw intakeNotFound();
  assertIntakeStaff(staff, row);
  return (await present(ctx, [row]))[0]!;
}

export async function listMyConfirmations(ctx: AppContext, citizen: Actor): Promise<TConfirmationView[]> {
  const db = ctx.database.db;
  const rows = await repo.listAwaitingOf(db, citizen.id, ctx.now());
  const staff = await names(ctx, rows.map((r) => Number(r.staff_id)));
  const units = rows.length ? (await publishedCatalog(ctx.database).theme(rows[0]!.theme_code).catch(() => undefined))?.unitNames : undefined;
  const out: TConfirmationView[] = [];
  for (const r of rows) {
    const unit = r.unit_code ? units?.get(r.unit_code) : undefined;
    out.push({
      id: r.id, themeCode: r.theme_code, themeName: await themeName(ctx, r.theme_code), channel: r.channel, onBehalfReason: r.on_behalf_reason,
      staffName: staff.get(Number(r.staff_id)) ?? '', unitName: unit ? { zh: unit.name, en: unit.nameEn } : null,
      createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at)!, summary: r.summary as unknown as TIntakeSummary,
    });
  }
  return out;
}

/** A new code to the citizen's phone (the previous one stops working). */
export async function sendNewCode(ctx: AppContext, staff: Actor, id: string): Promise<{ codeSentTo: string; codeExpiresAt: string }> {
  const at = ctx.now();
  const db = ctx.database.db;
  // reads outside the transaction: PGlite has one connection, held by an open transaction
  const first = await repo.getIntake(db, id);
  if (!first) throw intakeNotFound();
  assertIntakeStaff(staff, first);
  const person = await findUserById(db, Number(first.applicant_id));
  const theme = await themeName(ctx, first.theme_code);
  return db.transaction().execute(async (tx) => {
    const row = (await repo.lockIntake(tx, id))!;
    if (row.status === 'confirmed') throw intakeConfirmed();
    if (row.status === 'declined') throw intakeDeclined();
    if (effectiveStatus(row, at) === 'expired') throw intakeExpired();
    if (!person?.phone)
      throw new AppError('conflict', 'CODE_NOT_SENT', { zh: '申请人实名信息中没有手机号码，请申请人登录账号确认', en: 'The applicant has no phone on the profile; they confirm signed in' });
    const { expiresAt } = await issueCode(tx, row, person.phone, { staffName: staff.name, themeName: theme.zh }, at);
    return { codeSentTo: maskPhone(person.phone), codeExpiresAt: expiresAt.toISOString() };
  });
}
