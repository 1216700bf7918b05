// Who a theme serves (申请人类型): declared per theme; theme versions published before it was declared
// follow their lifecycle (a person theme serves persons, a project theme project owners).
import type { TApplicantKind, TTheme } from '../../contract/catalog.ts';

export const LIFECYCLE_KIND = { person: 'person', enterprise: 'enterprise', project: 'project-owner' } as const satisfies Record<TTheme['lifecycle'], TApplicantKind>;

export const APPLICANT_KIND_NAME: Record<TApplicantKind, { zh: string; en: string }> = {
  person: { zh: '个人', en: 'a person' },
  enterprise: { zh: '企业', en: 'an enterprise' },
  'project-owner': { zh: '项目建设单位', en: 'a project owner' },
};

export function applicantKindsOf(theme: Pick<TTheme, 'applicants' | 'lifecycle'>): TApplicantKind[] {
  return theme.applicants ?? [LIFECYCLE_KIND[theme.lifecycle]];
}
