// The catalog module's public face: other modules import only this.
export * from '../../contract/catalog.ts';
export type { ThemeBundle } from './published-catalog.ts';
export { publishedCatalog } from './catalog-service.ts';
export { loadCatalogFiles, type LoadReport } from './load-catalog-files.ts';
export { readCatalogDir } from './catalog-files.ts';
export { limitInWorkdays } from './quality-rules.ts';
export { applicantKindsOf, APPLICANT_KIND_NAME } from './applicant-kinds.ts';
export { countMatters, getMatterVersions, getThemeVersion } from './catalog.repo.ts';
export { refusalPolicy, refusalText, type EffectiveRefusalPolicy } from './refusal-policy.ts';
export { registerCatalogRoutes } from './catalog.routes.ts';
export { resultFieldDictionary, resultFieldLabels, resultFieldName, type TResultField, type TResultFieldType } from './result-fields.ts';
export { checkResultValue, checkResultValues, type ResultValue, type ResultValueProblem, type ResultValueProblemCode } from './result-values.ts';
export { feesDue, feesDueForPinned, type FeesDue } from './fees.ts';
