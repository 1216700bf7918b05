// Every error leaves in one JSON shape: { error: { code, message: { zh, en }, details } }.
// Bad input is always a 4xx; a 5xx means a bug of ours, logged with its stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../platform/errors.ts';
import { CalendarYearMissingError } from '../platform/calendar.ts';
import { fieldName, issueMessage, type IssueLike } from '../platform/validation-messages.ts';

// the body's schema is part of the contract the clients share
export { ZErrorBody, type TErrorBody } from '../contract/errors.ts';
import type { TErrorBody } from '../contract/errors.ts';

export function errorBody(code: string, zh: string, en: string, details: ErrorDetail[] = []): TErrorBody {
  return { error: { code, message: { zh, en }, details } };
}

function validationDetails(err: FastifyError & { validation?: unknown; validationContext?: string }): ErrorDetail[] {
  const issues = Array.isArray(err.validation) ? (err.validation as Array<IssueLike & { keyword?: string; instancePath?: string; params?: Omit<IssueLike, 'code' | 'message'> & { issue?: IssueLike } }>) : [];
  return issues.map((v) => {
    // fastify-type-provider-zod: the issue's code as keyword, the rest of it (minimum, origin, …) as params
    const issue: IssueLike = v.params?.issue ?? { ...v.params, code: v.keyword ?? v.code, message: v.message };
    // the field: the issue's own path, else the validator's JSON pointer (e.g. /endpointUrl)
    const where = issue.path?.length ? issue.path.map(String) : (v.instancePath ?? '').split('/').filter(Boolean).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    const path = [err.validationContext, ...where].filter(Boolean).join('.');
    // the path stays for clients that place the message beside the field; the words name it instead of its key
    return { path, code: 'INVALID_FIELD', ...issueMessage(issue, fieldName(where)) };
  });
}

const byStatus: Record<number, [string, string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确', 'The request is malformed'],
  404: ['NOT_FOUND', '请求的资源不存在', 'Not found'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法', 'Method not allowed'],
  406: ['NOT_ACCEPTABLE', '无法提供所要求的格式', 'Not acceptable'],
  411: ['LENGTH_REQUIRED', '缺少请求长度', 'Length required'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容过大', 'The request body is too large'],
  414: ['URI_TOO_LONG', '请求地址过长', 'The request URL is too long'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', 'Unsupported content type'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试', 'Too many requests; try again later'],
  431: ['HEADERS_TOO_LARGE', '请求头过大', 'Request headers too large'],
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.zh, err.en, err.details));
    }
    if ((err as unknown) instanceof CalendarYearMissingError) {
      // our configuration, not the request: say so loudly, in the log and to the caller
      const missing = err as unknown as CalendarYearMissingError;
      req.log.error({ year: missing.year }, 'working-day calendar has no data for this year');
      return reply.status(503).send(errorBody(missing.code, `${missing.zh}，请联系平台管理员补充`, `${missing.en}; an administrator must add it`));
    }
    if (err.validation) {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', '提交的数据不符合要求', 'The submitted data is not valid', validationDetails(err)));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const [code, zh, en] = byStatus[status] ?? ['BAD_REQUEST', '请求无法处理', 'The request cannot be processed'];
      const fastifyCode = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'INVALID_JSON' : code;
      return reply.status(status).send(errorBody(fastifyCode, zh, en));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', '系统繁忙，请稍后再试', 'Something went wrong on our side; please try again later'));
  });
}
