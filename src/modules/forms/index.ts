// The forms module's public face: 一次表单 — one merged, prefilled, validated form per theme.
export { validateElementValue, type ElementValue, type ElementProblem, type ElementResult } from './validate-element.ts';
export { CROSS_RULES, checkCrossRules, statutoryRetirementMonths, MARRIAGE_AGE, EARLY_RETIREMENT_AGE, type CrossRule, type CrossProblem, type CleanValues } from './cross-rules.ts';
export {
  buildThemeForm, sliceForMatter, prefillForm, validateForm, formInvalid,
  type ThemeForm, type FormElement, type FormGroup, type FormBundle, type PrefillSources, type PrefillOrigin, type PrefilledForm,
  type ProfileField, type FormProblem, type FormValidation,
} from './build-form.ts';
export { chinaDay } from './normalise.ts';
export { registerFormsRoutes } from './forms.routes.ts';
export { formMaterials, isCoreMaterial, type FormMaterial } from './form-materials.ts';
export { planMaterials, storeMaterialsQueries, DEFERRAL_MAX_WORKDAYS, type MaterialsPlan, type PlannedMaterial } from './submit-materials.ts';
export { themeFormFor, maskId } from './theme-form.ts';
export * from '../../contract/forms.ts';
