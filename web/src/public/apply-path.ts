// Where the theme page's "申请办理" goes: the apply page with the guidance answers in the URL, so
// they survive signing in (?next=) and a reload.
export type Answers = Record<string, string[]>;

export const applyPath = (code: string, answers: Answers): string =>
  `/themes/${encodeURIComponent(code)}/apply?answers=${encodeURIComponent(JSON.stringify(answers))}`;
