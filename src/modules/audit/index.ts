// Public face of the audit module: every module records its changes with recordAudit, in the
// same transaction as the change (or auditInsert, in the change's one statement).
export { recordAudit, auditInsert, queryAudit } from './audit.repo.ts';
export { ZAuditEntry, ZAuditRecord, type TAuditEntry, type TAuditRecord } from './audit.schemas.ts';
export { AuditThrottle, recordThrottledAudit } from './throttle.ts';
export { registerAuditRoutes } from './audit.routes.ts';
