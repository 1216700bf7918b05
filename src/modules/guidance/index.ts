// The guidance module's public face: 情形引导 and 一次告知.
export { registerGuidanceRoutes } from './guidance.routes.ts';
export { resolveGuidance, everything, type TAnswers, type Resolution } from './resolve-guidance.ts';
export { buildNotice, mergeMaterials, mergeFields, criticalPath, reformFigures } from './merge-notice.ts';
export { noticeFor } from './get-notice.ts';
export * from '../../contract/guidance.ts';
