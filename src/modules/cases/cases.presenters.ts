// Rows → API shapes.
import { CASE_STATUSES, statusOfCode } from './case.machine.ts';
import { ZResultDocument } from '../../contract/cases.ts';
import { isProvisionalSpan } from '../../platform/calendar.ts';
import type { ApplicationRow, HistoryRow, SubcaseRow, WorklistRow } from './cases.repo.ts';

export function presentStatus(code: string) {
  const s = statusOfCode(code);
  return s ? { code, zh: CASE_STATUSES[s].zh, en: CASE_STATUSES[s].en } : { code, zh: code, en: code };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A note the platform wrote before note_en existed held "中文 / English": split it when read. The
 * platform writes the notes of 'receive' and 'void' (whoever's action released or voided the sub-case)
 * and those of the system actor; others are a person's words. */
function noteOf(h: HistoryRow): { note: string | null; noteEn: string | null } {
  const platforms = h.event === 'receive' || h.event === 'void' || h.actor_role === 'system';
  const at = h.note?.indexOf(' / ') ?? -1;
  if (h.note_en !== null || !platforms || !h.note || at <= 0 || !/[\u4e00-\u9fff]/.test(h.note.slice(0, at))) return { note: h.note, noteEn: h.note_en };
  return { note: h.note.slice(0, at), noteEn: h.note.slice(at + 3) };
}

export const presentHistory = (h: HistoryRow) => ({
  caseKind: h.case_kind, caseId: h.case_id, from: h.from_status, to: h.to_status, event: h.event,
  actorId: h.actor_id, actorRole: h.actor_role, ...noteOf(h), at: new Date(h.at).toISOString(),
});

export const presentApplicationSummary = (a: ApplicationRow) => ({
  id: a.id, number: a.number, themeCode: a.theme_code, themeVersion: a.theme_version, channel: a.channel,
  status: presentStatus(a.status), createdAt: new Date(a.created_at).toISOString(), updatedAt: new Date(a.updated_at).toISOString(),
});

export const presentSubcase = (s: SubcaseRow) => ({
  id: s.id, matterCode: s.matter_code, matterVersion: s.matter_version, matterName: s.matter_name, unitCode: s.unit_code,
  status: presentStatus(s.status), promisedAt: iso(s.promised_at), clockPaused: s.clock_started_at ? s.paused_since !== null : null,
  promisedDueAt: iso(s.promised_at), legalDueAt: iso(s.legal_due_at), pausedSince: iso(s.paused_since), warningLevel: s.warning_level,
  dueProvisional: isProvisionalSpan(s.clock_started_at ?? s.released_at, [s.promised_at, s.legal_due_at]),
  releasedAt: iso(s.released_at), needs: s.needs, result: s.result, resultDocument: presentResultDocument(s.result),
});

/** `result.document` as a download, or null: a result without one, or of an older shape, has nothing to download */
export function presentResultDocument(result: Record<string, unknown> | null) {
  const parsed = ZResultDocument.safeParse(result?.document);
  if (!parsed.success) return null;
  const { uploadId, name, contentType, size } = parsed.data;
  return { uploadId, name, contentType, size, url: `/api/uploads/${encodeURIComponent(uploadId)}` };
}

export const presentWorklistItem = (w: WorklistRow) => ({
  id: w.id, applicationId: w.application_id, applicationNumber: w.number, matterCode: w.matter_code, matterName: w.matter_name,
  status: presentStatus(w.status), promisedAt: iso(w.promised_at), releasedAt: iso(w.released_at),
  promisedDueAt: iso(w.promised_at), legalDueAt: iso(w.legal_due_at), pausedSince: iso(w.paused_since), warningLevel: w.warning_level,
  dueProvisional: isProvisionalSpan(w.released_at, [w.promised_at, w.legal_due_at]),
});
