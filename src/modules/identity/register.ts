// 注册: a citizen or an enterprise's legal representative / authorised agent opens an account with a
// phone number proved by an SMS code, a real name checked against the household registry and a
// password that meets the policy; the enterprise binding is checked against the enterprise registry.
// The account's username is the phone number. The new person is signed in at once.
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { parseCreditCode } from '../../platform/identifiers.ts';
import { createSession, deleteSession, type NewSession } from '../../platform/sessions.ts';
import { recordAudit } from '../audit/index.ts';
import { findDivision } from '../org/index.ts';
import type { TEnterpriseCapacity } from '../../contract/registration.ts';
import { findUserByIdNumber, findUserById, findUserByUsername, insertUserIfAbsent, type UserRow } from './identity.repo.ts';
import { hashPassword } from './password.ts';
import { assertPasswordAcceptable } from './password-policy.ts';
import { useChallenge } from './registration.repo.ts';
import { checkSmsCode, codeUsed, maskPhone } from './sms-code.ts';
import { maskIdNumber, verifyEnterpriseBinding, verifyRealName } from './verify-real-name.ts';

export interface RegisterInput {
  kind: 'citizen' | 'enterprise';
  phone: string;
  challengeId: string;
  code: string;
  name: string;
  idNumber: string;
  password: string;
  enterprise?: { creditCode: string; capacity: TEnterpriseCapacity } | undefined;
  ip: string;
  replacesSessionId?: string | undefined;
}

const alreadyRegistered = () =>
  new AppError('conflict', 'ALREADY_REGISTERED', { zh: '该公民身份号码已注册账号，请直接登录', en: 'An account with this resident ID number exists; sign in instead' });
const phoneTaken = () =>
  new AppError('conflict', 'PHONE_TAKEN', { zh: '该手机号码已注册账号，请直接登录', en: 'An account with this phone number exists; sign in instead' });
const creditCodeInvalid = () =>
  new AppError('unprocessable', 'CREDIT_CODE_INVALID', { zh: '统一社会信用代码无效，请核对', en: 'The unified social credit code is not valid' });
const enterpriseMissing = () =>
  new AppError('bad_request', 'ENTERPRISE_REQUIRED', { zh: '企业注册须填写统一社会信用代码和身份（法定代表人或授权经办人）', en: 'An enterprise registration needs the credit code and your capacity' });

export async function register(ctx: AppContext, input: RegisterInput): Promise<{ user: UserRow; session: NewSession }> {
  const db = ctx.database.db;
  if (input.kind === 'enterprise' && !input.enterprise) throw enterpriseMissing();
  if (input.enterprise && !parseCreditCode(input.enterprise.creditCode).ok) throw creditCodeInvalid();
  assertPasswordAcceptable(input.password, [input.phone, input.idNumber, input.idNumber.slice(-6)]);
  await checkSmsCode(ctx, input);
  // said before the registries are asked: no lookup for someone who cannot register anyway
  if (await findUserByIdNumber(db, input.idNumber)) throw alreadyRegistered();
  if (await findUserByUsername(db, input.phone)) throw phoneTaken();

  const person = await verifyRealName(ctx, input, input.ip);
  const company = input.kind === 'enterprise' && input.enterprise ? await verifyEnterpriseBinding(ctx, person, input.enterprise, input.ip) : undefined;
  const divisionCode = person.divisionCode && (await findDivision(db, person.divisionCode)) ? person.divisionCode : null;
  const passwordHash = await hashPassword(input.password);

  const { userId, session } = await db.transaction().execute(async (tx) => {
    if (!(await useChallenge(tx, input.challengeId, ctx.now()))) throw codeUsed();
    if (await findUserByIdNumber(tx, input.idNumber)) throw alreadyRegistered();
    const id = await insertUserIfAbsent(tx, {
      username: input.phone, passwordHash, role: company ? 'enterprise' : 'citizen', name: person.name, idNumber: person.idNumber, phone: input.phone,
      address: person.address, divisionCode, enterpriseCreditCode: company?.creditCode ?? null, enterpriseName: company?.name ?? null,
    });
    if (id === undefined) throw phoneTaken();
    await recordAudit(tx, {
      actorId: id, actorRole: company ? 'enterprise' : 'citizen', action: 'user.register', targetType: 'user', targetId: id,
      detail: { phone: maskPhone(input.phone), idNumber: maskIdNumber(person.idNumber), ...(company ? { creditCode: company.creditCode, capacity: input.enterprise!.capacity } : {}) },
      ip: input.ip,
    });
    if (input.replacesSessionId) await deleteSession(tx, input.replacesSessionId);
    const s = await createSession(tx, id, ctx.now());
    await recordAudit(tx, { actorId: id, actorRole: company ? 'enterprise' : 'citizen', action: 'auth.login', targetType: 'user', targetId: id, detail: { provider: 'registration' }, ip: input.ip });
    return { userId: id, session: s };
  });
  const user = await findUserById(db, userId);
  if (!user) throw new Error(`register: user ${userId} vanished`);
  return { user, session };
}
