// What a Chinese screen, message or SMS must not show: internal codes (birth-medical-certificate,
// deceased.gender, RESULT_FIELDS_MISSING, certificateNo) and English words or sentences. A Latin word
// is allowed only if it is on the short list below (the language switch, file types, units) or is a
// document number made of a short letter prefix and digits (YJ20261128000001, T430198765).

/** Latin words a Chinese screen may show. Keep this list short: each entry is a reason, not a habit. */
export const LATIN_ALLOWED = new Set([
  'English', // the language switch, named in its own language
  'PDF', 'JPG', 'JPEG', 'PNG', 'OFD', 'pdf', 'jpg', 'jpeg', 'png', 'ofd', // file types (and a file name's extension)
  'KB', 'MB', 'GB', // sizes
  'JSON', // the catalog editors' whole-document format
  'OpenAPI', 'API', // the developer link in the footer
]);

/** a document number: a short capital prefix and digits, optionally ending in X (ID numbers) */
const DOCUMENT_NUMBER = /^[A-Z]{1,3}\d{4,}X?$/;

/** Every Latin token of the text that a Chinese screen must not show. A token starting right after a digit (a credit code's tail) is part of a number. */
export function latinLeaks(text: string): string[] {
  const tokens = text.match(/(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-_.:/][A-Za-z0-9]+)*/g) ?? [];
  return tokens.filter((t) => /[A-Za-z]{2,}/.test(t) && !LATIN_ALLOWED.has(t) && !DOCUMENT_NUMBER.test(t));
}

