// The cases module's public face: other modules import only this.
export * from './case.machine.ts';
export { registerCasesRoutes } from './cases.routes.ts';
export { submitApplication, prepareSubmission, type Channel, type Intake, type SubmitResult } from './submit-application.ts';
export { ZSubmitApplication, ZApplicationView, type TApplicationView, type TSubmitApplication } from '../../contract/cases.ts';
export { getApplication as findApplicationRow, listSubcases as listApplicationSubcases, type ApplicationRow, type SubcaseRow } from './cases.repo.ts';
export { appendHistory, type HistoryEntry } from './cases.repo.ts';
export { CASES_EVENTS, type TCasesEvent, type TCasesEventOf } from './cases.events.ts';
export { presentApplicationSummary } from './cases.presenters.ts';
export { ZApplicationSummary } from '../../contract/cases.ts';
// for dispatch: applying a department system's result events through the same use cases
export { getSubcase as findSubcaseRow } from './cases.repo.ts';
// for materials (容缺补交): the application row locked while its materials change
export { lockApplication } from './cases.repo.ts';
export { withSubcaseEffects } from './act-on-subcase.ts';
export { acceptSubcase } from './accept-subcase.ts';
export { notAcceptSubcase } from './not-accept-subcase.ts';
export { requestSupplement } from './request-supplement.ts';
export { startSpecialProcedure } from './start-special-procedure.ts';
export { endSpecialProcedure } from './end-special-procedure.ts';
export { approveSubcase, assertFeePaid } from './approve-subcase.ts';
export { checkResultFields } from './check-result-fields.ts';
export { supplementFilesOf, type SupplementFile } from './supplement-files.ts';
export { rejectSubcase } from './reject-subcase.ts';
// the case clock: warning levels moved by a periodic sweep (worker), and the working days overdue
export { sweepCaseClocks } from './sweep-case-clocks.ts';
export { levelAt, WARNING_LEVELS, type WarningLevel } from './subcase-clock.ts';
// for payments: the fact that a sub-case's fee was paid, recorded in the payment's transaction
export { markSubcasePaid } from './cases.repo.ts';
export { assertMayReadApplication, assertApplicant, assertUnitOwns, applicationNotFound, subcaseNotFound } from './cases.policy.ts';
