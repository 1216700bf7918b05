// What each notification says, Chinese first then English; an SMS is Chinese only (one short text,
// no English half, no code: see messages.test.ts). Pure: the handlers gather the facts (result
// field names come from the catalog's dictionary, read once).
import { resultFieldLabels, resultFieldName } from '../catalog/index.ts';

const hasResultFieldName = (code: string): boolean => code in resultFieldLabels([code]);
import type { TText } from '../../contract/notify.ts';

export interface Message {
  kind: string;
  title: TText;
  body: TText;
  /** short form for SMS */
  sms: string;
  link: string | null;
}

export interface SubcaseOutcome {
  matterName: TText;
  decision: string | null;
  statusName: TText;
  /** an officer's reason (the same in both), or the platform's (a voided matter) in each language */
  reason: TText | null;
  documentName: string | null;
  fields: Record<string, unknown>;
}

export interface Delivery {
  way: string;
  address: string | null;
  counter: string | null;
}

const DECISIONS: Record<string, TText> = {
  approved: { zh: '准予办理', en: 'approved' },
  rejected: { zh: '不予办理', en: 'refused' },
  notAccepted: { zh: '不予受理', en: 'not accepted' },
  voided: { zh: '作废', en: 'voided' },
};

const SIGN = '【一件事一次办】';

export function deliveryText(d: Delivery): TText {
  if (d.way === 'express') return { zh: `邮寄送达${d.address ? `至 ${d.address}` : ''}`, en: `by post${d.address ? ` to ${d.address}` : ''}` };
  if (d.way === 'counter') return { zh: `窗口领取${d.counter ? `（${d.counter}）` : ''}`, en: `collect at the counter${d.counter ? ` (${d.counter})` : ''}` };
  return { zh: '网上送达（电子证照可在“我的办件”查看下载）', en: 'online (electronic certificates in "My applications")' };
}

function fieldsText(o: SubcaseOutcome, lang: 'zh' | 'en'): string {
  // named by the result field dictionary; a field it lacks has no name a person could read: left out
  // here (the status page lists every field)
  const parts = Object.entries(o.fields)
    .filter(([k]) => hasResultFieldName(k))
    .map(([k, v]) => `${resultFieldName(k)[lang]} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  if (o.documentName) parts.unshift(lang === 'zh' ? `《${o.documentName}》` : o.documentName);
  return parts.join(lang === 'zh' ? '，' : '; ');
}

function outcomeLine(o: SubcaseOutcome, i: number, lang: 'zh' | 'en'): string {
  const decision = (o.decision ? DECISIONS[o.decision] : undefined) ?? o.statusName;
  const extra = [fieldsText(o, lang), o.reason?.[lang] ?? ''].filter((s) => s !== '').join(lang === 'zh' ? '；' : '; ');
  return lang === 'zh'
    ? `${i + 1}. ${o.matterName.zh}：${decision.zh}${extra ? `（${extra}）` : ''}`
    : `${i + 1}. ${o.matterName.en}: ${decision.en}${extra ? ` (${extra})` : ''}`;
}

export function applicationCompleted(a: { applicationId: string; number: string; themeName: TText; outcomes: SubcaseOutcome[]; delivery: Delivery }): Message {
  const d = deliveryText(a.delivery);
  const n = a.outcomes.length;
  const approved = a.outcomes.filter((o) => o.decision === 'approved').length;
  return {
    kind: 'application.completed',
    title: { zh: `“${a.themeName.zh}”已办结（${a.number}）`, en: `"${a.themeName.en}" is complete (${a.number})` },
    body: {
      zh: [`您的申请 ${a.number} 已全部办结，共 ${n} 个事项：`, ...a.outcomes.map((o, i) => outcomeLine(o, i, 'zh')), `送达方式：${d.zh}`].join('\n'),
      en: [`Your application ${a.number} is complete, ${n} matter${n === 1 ? '' : 's'}:`, ...a.outcomes.map((o, i) => outcomeLine(o, i, 'en')), `Delivery: ${d.en}`].join('\n'),
    },
    sms: `${SIGN}您的申请${a.number}（${a.themeName.zh}）已办结：${n} 个事项中 ${approved} 个准予办理，${d.zh}。详情请登录查看。`,
    link: `/me/applications/${a.applicationId}`,
  };
}

export function supplementRequested(a: { applicationId: string; number: string; matterName: TText; note: string }): Message {
  return {
    kind: 'subcase.supplement-requested',
    title: { zh: `请补正材料：${a.matterName.zh}`, en: `Please complete your materials: ${a.matterName.en}` },
    body: {
      zh: `您的申请 ${a.number} 中“${a.matterName.zh}”需要补齐补正材料。承办人说明：${a.note}`,
      en: `For your application ${a.number}, "${a.matterName.en}" needs more materials. The officer's note: ${a.note}`,
    },
    sms: `${SIGN}您的申请${a.number}中“${a.matterName.zh}”需补正材料：${a.note.slice(0, 60)}。请登录补正。`,
    link: `/me/applications/${a.applicationId}`,
  };
}

export function deferredMaterialDue(a: { applicationId: string; number: string; materialName: TText; deadline: string }): Message {
  return {
    kind: 'material.deferred-due',
    title: { zh: `容缺材料待补交：${a.materialName.zh}`, en: `Deferred material due: ${a.materialName.en}` },
    body: {
      zh: `您的申请 ${a.number} 容缺受理的材料“${a.materialName.zh}”须在 ${a.deadline} 前补交，逾期可能影响办理结果。`,
      en: `For your application ${a.number}, the deferred material "${a.materialName.en}" is due by ${a.deadline}; late material may affect the outcome.`,
    },
    sms: `${SIGN}您的申请${a.number}容缺材料“${a.materialName.zh}”须在${a.deadline}前补交。`,
    link: `/me/applications/${a.applicationId}`,
  };
}

/** The SMS code a citizen reads out at the counter to confirm an application taken in for them. */
export function counterConfirmationCode(a: { text: string }): Pick<Message, 'sms'> {
  return { sms: a.text.startsWith(SIGN) ? a.text : `${SIGN}${a.text}` };
}

/** 注册验证码: the identity module writes the text (with the code); the provider needs the signature first. */
export function registrationCode(a: { text: string }): Pick<Message, 'sms'> {
  return counterConfirmationCode(a);
}

export function applicationSubmitted(a: { applicationId: string; number: string; themeName: TText }): Message {
  return {
    kind: 'application.submitted',
    title: { zh: `已收到您的申请：${a.themeName.zh}`, en: `Application received: ${a.themeName.en}` },
    body: {
      zh: `您的申请 ${a.number}（${a.themeName.zh}）已提交，各部门将联合办理，办结后统一通知您。`,
      en: `Your application ${a.number} (${a.themeName.en}) was submitted; the departments handle it together and tell you once when it is complete.`,
    },
    sms: `${SIGN}已收到您的申请${a.number}（${a.themeName.zh}），办结后统一通知。`,
    link: `/me/applications/${a.applicationId}`,
  };
}

export function applicationWithdrawn(a: { applicationId: string; number: string; themeName: TText; reason: string | null }): Message {
  return {
    kind: 'application.withdrawn',
    title: { zh: `申请已撤回：${a.themeName.zh}`, en: `Application withdrawn: ${a.themeName.en}` },
    body: {
      zh: `您的申请 ${a.number}（${a.themeName.zh}）已撤回，尚未办结的事项不再办理，已办结事项的结果仍然有效。${a.reason ? `撤回原因：${a.reason}` : ''}`,
      en: `Your application ${a.number} (${a.themeName.en}) was withdrawn: matters not yet completed will not be handled; results already given stay valid.${a.reason ? ` Reason: ${a.reason}` : ''}`,
    },
    sms: `${SIGN}您的申请${a.number}（${a.themeName.zh}）已撤回，尚未办结的事项不再办理。`,
    link: `/me/applications/${a.applicationId}`,
  };
}
