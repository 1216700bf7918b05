// 实名核验: the name and ID number a person gives are checked against the household registry (户籍),
// and an enterprise binding against the enterprise registry (企业登记): the person must be its legal
// representative or one of its authorised agents (授权经办人). Every lookup is audited with its cause.
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { createDatahubClient, DatahubError, type DatahubLookupEvent, type DatahubRecord } from '../datahub/index.ts';
import type { TEnterpriseCapacity } from '../../contract/registration.ts';

/** the unit that asks the registries for the platform itself */
const REQUESTER_UNIT = 'city-data';

export const realNameMismatch = () =>
  new AppError('unprocessable', 'REALNAME_MISMATCH', { zh: '姓名与公民身份号码未通过户籍核验，请核对后重试', en: 'The name and resident ID number did not pass the household registry check' });
export const realNameUnavailable = () =>
  new AppError('unavailable', 'REALNAME_UNAVAILABLE', { zh: '实名核验服务暂时无法使用，请稍后再试', en: 'Real-name verification is unavailable; try again later' });
export const enterpriseNotFound = () =>
  new AppError('unprocessable', 'ENTERPRISE_NOT_FOUND', { zh: '企业登记中没有该统一社会信用代码', en: 'No enterprise with this credit code is registered' });
export const enterpriseInactive = () =>
  new AppError('unprocessable', 'ENTERPRISE_INACTIVE', { zh: '该企业不在存续状态，无法绑定', en: 'The enterprise is not active and cannot be bound' });
export const enterpriseNotAuthorised = (capacity: TEnterpriseCapacity) =>
  new AppError('forbidden', 'ENTERPRISE_NOT_AUTHORISED', capacity === 'legal-representative'
    ? { zh: '企业登记中的法定代表人不是您本人', en: 'You are not the legal representative on the enterprise registration' }
    : { zh: '企业登记中没有您作为授权经办人的记录', en: 'The enterprise registration does not name you as an authorised agent' });

import { maskIdNumber } from '../../platform/identifiers.ts';
export { maskIdNumber };

const sameName = (a: unknown, b: string) => typeof a === 'string' && a.replace(/\s/g, '') === b.replace(/\s/g, '');

async function lookup(ctx: AppContext, resource: 'household' | 'company', key: { idNumber: string } | { creditCode: string }, ip: string): Promise<DatahubRecord | undefined> {
  if (!ctx.config.registryUrl) throw realNameUnavailable();
  const audit = (e: DatahubLookupEvent) => recordAudit(ctx.database.db, {
    actorId: null, actorRole: null, action: 'datahub.lookup', targetType: 'datahub-resource', targetId: e.resource, reason: e.purpose,
    detail: { resource: e.resource, keyKind: e.keyKind, key: e.keyKind === 'idNumber' ? maskIdNumber(e.key) : e.key, requesterUnit: e.requesterUnit, outcome: e.outcome, attempts: e.attempts, durationMs: e.durationMs },
    ip,
  });
  const client = createDatahubClient({ baseUrl: ctx.config.registryUrl, requesterUnit: REQUESTER_UNIT, timeoutMs: 3000, retries: 1, backoffMs: 50, onLookup: audit });
  try {
    return await client.lookup(resource, key, '账号注册实名核验 / real-name verification at registration');
  } catch (err) {
    if (err instanceof DatahubError && err.code === 'DATAHUB_BAD_KEY') throw realNameMismatch();
    if (err instanceof DatahubError) throw realNameUnavailable();
    throw err;
  }
}

export interface VerifiedPerson {
  name: string;
  idNumber: string;
  address: string | null;
  divisionCode: string | null;
}

export async function verifyRealName(ctx: AppContext, person: { name: string; idNumber: string }, ip: string): Promise<VerifiedPerson> {
  const record = await lookup(ctx, 'household', { idNumber: person.idNumber }, ip);
  // one answer for "no such record" and "another name": the check must not reveal who is registered
  if (!record || !sameName(record.name, person.name)) throw realNameMismatch();
  return {
    name: person.name.trim(), idNumber: person.idNumber,
    address: typeof record.address === 'string' ? record.address : null,
    divisionCode: typeof record.divisionCode === 'string' ? record.divisionCode : null,
  };
}

export async function verifyEnterpriseBinding(
  ctx: AppContext, person: { name: string; idNumber: string }, enterprise: { creditCode: string; capacity: TEnterpriseCapacity }, ip: string,
): Promise<{ creditCode: string; name: string }> {
  const record = await lookup(ctx, 'company', { creditCode: enterprise.creditCode }, ip);
  if (!record) throw enterpriseNotFound();
  if (record.status !== '存续') throw enterpriseInactive();
  const isPerson = (n: unknown, id: unknown) => sameName(n, person.name) && typeof id === 'string' && id.toUpperCase() === person.idNumber;
  const ok = enterprise.capacity === 'legal-representative'
    ? isPerson(record.legalRepName, record.legalRepIdNumber)
    : Array.isArray(record.agents) && (record.agents as unknown[]).some((a) => typeof a === 'object' && a !== null && isPerson((a as Record<string, unknown>).name, (a as Record<string, unknown>).idNumber));
  if (!ok) throw enterpriseNotAuthorised(enterprise.capacity);
  return { creditCode: enterprise.creditCode, name: typeof record.name === 'string' ? record.name : enterprise.creditCode };
}
