// 情形引导: from a theme's questions and a person's answers to the matters and optional
// materials that apply. Pure: no I/O.
import { AppError } from '../../platform/errors.ts';
import type { TQuestion, TTheme } from '../catalog/index.ts';

/** questionCode → chosen option codes */
export type TAnswers = Record<string, string[]>;

export interface Resolution {
  /** questions reached, in the order to ask them: roots, then follow-ups after the question that opened them */
  questions: TQuestion[];
  /** reached questions still unanswered */
  pending: string[];
  /** answers that count (answers to questions no longer reached are dropped) */
  answers: TAnswers;
  matters: string[];
  /** "matterCode.materialCode" optional materials switched on */
  materials: Set<string>;
}

export function resolveGuidance(theme: TTheme, raw: TAnswers): Resolution {
  const byCode = new Map(theme.questions.map((q) => [q.code, q]));
  for (const [q, opts] of Object.entries(raw)) {
    const question = byCode.get(q);
    if (!question)
      throw new AppError('bad_request', 'UNKNOWN_QUESTION', { zh: `问题“${q}”不属于该主题`, en: `Question "${q}" is not part of this theme` });
    if (!question.multiple && opts.length > 1)
      throw new AppError('bad_request', 'SINGLE_CHOICE', { zh: `问题“${question.text}”只能选择一项`, en: `Question "${question.textEn}" takes one answer` });
    for (const o of opts)
      if (!question.options.some((x) => x.code === o))
        throw new AppError('bad_request', 'UNKNOWN_OPTION', { zh: `问题“${question.text}”没有选项“${o}”`, en: `Question "${question.textEn}" has no option "${o}"` });
  }

  const switchedOn = new Set(theme.matters.filter((m) => m.always).map((m) => m.matter));
  const materials = new Set<string>();
  const reached: TQuestion[] = [];
  const pending: string[] = [];
  const answers: TAnswers = {};
  const visit = (q: TQuestion) => {
    if (reached.includes(q)) return;
    reached.push(q);
    const chosen = raw[q.code];
    if (!chosen || chosen.length === 0) {
      pending.push(q.code);
      return;
    }
    answers[q.code] = [...chosen];
    for (const opt of q.options.filter((o) => chosen.includes(o.code))) {
      opt.matters.forEach((m) => switchedOn.add(m));
      opt.materials.forEach((m) => materials.add(m));
      for (const f of opt.followUps) {
        const fq = byCode.get(f);
        if (fq) visit(fq);
      }
    }
  };
  theme.questions.filter((q) => q.root).forEach(visit);
  // keep the theme's order of matters
  const matters = theme.matters.map((m) => m.matter).filter((m) => switchedOn.has(m));
  return { questions: reached, pending, answers, matters, materials };
}

/** Every matter and every optional material switched on: the whole theme, for reform figures. */
export function everything(theme: TTheme): Pick<Resolution, 'matters' | 'materials'> {
  const materials = new Set(theme.questions.flatMap((q) => q.options.flatMap((o) => o.materials)));
  return { matters: theme.matters.map((m) => m.matter), materials };
}
