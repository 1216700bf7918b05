// Small pure helpers shared by element and cross-field validation: width folding, the local
// calendar day, ages in whole years.

/** Full-width digits and Latin letters (what Chinese input methods often type) → ASCII; ideographic space → space. */
export function foldAlnum(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** All full-width ASCII (＠ ． ＋ － too) → ASCII; for codes, numbers and e-mail where no full-width character belongs. */
export function foldAscii(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && foldAlnum(raw).trim() === '');
}

/** Characters as a person counts them: a CJK character or an emoji is one, not two UTF-16 units. */
export function charCount(s: string): number {
  return [...s].length;
}

// Applicants and units are in Changsha (UTC+8, no daylight saving): "today" is the day there, so a
// baby born at 07:00 local time is not "born tomorrow" by the UTC calendar.
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar day in China as YYYY-MM-DD. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A Date whose UTC day is the China day, for helpers (parseResidentId) that read the UTC day. */
export function chinaDayAsUtc(now: Date): Date {
  return new Date(now.getTime() + CHINA_OFFSET_MS);
}

export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Whole years from `birth` to `on` (both YYYY-MM-DD); someone born on 29 February turns a year older on 1 March. */
export function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** The day a person born on `birth` reaches `months` of age (YYYY-MM-DD); a missing day of month rolls to the 1st of the next. */
export function dayAtAgeMonths(birth: string, months: number): string {
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(5, 7)) - 1 + months;
  const d = Number(birth.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = m % 12;
  const dt = new Date(Date.UTC(ty, tm, d));
  return dt.getUTCMonth() === tm ? dt.toISOString().slice(0, 10) : new Date(Date.UTC(ty, tm + 1, 1)).toISOString().slice(0, 10);
}
