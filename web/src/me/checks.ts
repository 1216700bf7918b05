// Checks in the browser that mirror the server's messages (src/modules/forms/validate-element.ts), so
// most mistakes are caught before submitting. The server still checks everything; its 422 answer wins.
import type { TFormElementView } from '@contract/forms.ts';
import type { MeTranslate } from './messages.ts';

export type FieldValue = string | boolean;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first 17 digits */
export function idCheckOk(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === (id[17] ?? '').toUpperCase();
}

const toAscii = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export const isBlankValue = (v: FieldValue | undefined): boolean => v === undefined || (typeof v === 'string' && v.trim() === '');

/** undefined when fine; otherwise the message to show next to the field */
export function checkValue(el: TFormElementView, value: FieldValue | undefined, label: string, m: MeTranslate): string | undefined {
  if (value === undefined || isBlankValue(value)) return el.required ? m('fieldEmpty', { label }) : undefined;
  if (typeof value === 'boolean') return undefined;
  const s = toAscii(value).trim();
  if (el.maxLength && [...s].length > el.maxLength) return m('fieldTooLong', { label, n: el.maxLength });
  switch (el.type) {
    case 'phone':
      return /^1\d{10}$/.test(s.replace(/[\s-]/g, '').replace(/^\+?86/, '')) ? undefined : m('fieldPhone', { label });
    case 'email':
      return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(s) ? undefined : m('fieldEmail', { label });
    case 'idNumber': {
      const id = s.replace(/\s/g, '');
      if (!/^\d{17}[\dXx]$/.test(id)) return m('fieldIdNumber', { label });
      return idCheckOk(id) ? undefined : m('fieldIdCheck', { label });
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? undefined : m('fieldDate', { label });
    case 'number':
    case 'money':
      return Number.isFinite(Number(s.replace(/,/g, ''))) ? undefined : m('fieldNumber', { label });
    case 'divisionCode':
      return /^\d{6}(\d{3})?$/.test(s.replace(/\s/g, '')) ? undefined : m('fieldDivision', { label });
    case 'creditCode':
      return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s.replace(/\s/g, '').toUpperCase()) ? undefined : m('fieldCreditCode', { label });
    case 'address':
      return [...s.replace(/\s+/g, '')].length < 5 ? m('fieldAddress', { label }) : undefined;
    default:
      return undefined;
  }
}

/** a form value as the API wants it: numbers as numbers, blanks left out */
export function toApiValue(el: TFormElementView, value: FieldValue | undefined): string | number | boolean | undefined {
  if (value === undefined || isBlankValue(value)) return undefined;
  if (typeof value === 'boolean') return value;
  if (el.type === 'number' || el.type === 'money') {
    const n = Number(value.replace(/,/g, '').trim());
    return Number.isFinite(n) ? n : value;
  }
  return value;
}

/** a prefilled or saved value as the form's control holds it */
export function fromApiValue(el: TFormElementView, value: unknown): FieldValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (el.type === 'boolean') return value === true || value === 'true';
  return String(value);
}
