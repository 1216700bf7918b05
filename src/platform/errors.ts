// One error class with stable string codes; mapped to HTTP in one place (src/http/errors.ts).

export interface ErrorMessage {
  zh: string;
  en: string;
}

export type ErrorKind = 'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_many' | 'unprocessable' | 'unavailable';

const statusOfKind: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many: 429,
  // an outside system a decision depends on (e.g. the enterprise registry) cannot be reached: try again later
  unavailable: 503,
};

export interface ErrorDetail {
  path?: string;
  code: string;
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly zh: string;
  readonly en: string;
  readonly details: ErrorDetail[];

  constructor(kind: ErrorKind, code: string, msg: ErrorMessage, details: ErrorDetail[] = []) {
    super(`${code}: ${msg.en}`);
    this.kind = kind;
    this.code = code;
    this.zh = msg.zh;
    this.en = msg.en;
    this.details = details;
  }

  get status(): number {
    return statusOfKind[this.kind];
  }
}

export const notFound = (what: ErrorMessage, code = 'NOT_FOUND') =>
  new AppError('not_found', code, { zh: `${what.zh}不存在`, en: `${what.en} not found` });

export const forbidden = (code = 'FORBIDDEN') =>
  new AppError('forbidden', code, { zh: '您无权执行此操作', en: 'You are not allowed to do this' });
