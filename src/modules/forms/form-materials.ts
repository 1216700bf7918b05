// The materials of the one form: the merged list of the notice (一次告知), with how each reaches the
// units (provision) and whether it may follow later (容缺) or be replaced by a signed promise (告知承诺).
import type { ThemeBundle } from '../catalog/index.ts';
import { mergeMaterials, type Resolution, type TNoticeMaterial } from '../guidance/index.ts';
import type { TFormMaterialView } from '../../contract/forms.ts';

export interface FormMaterial extends TFormMaterialView {
  kind: TNoticeMaterial['kind'];
  form: TNoticeMaterial['form'];
}

function provisionOf(m: TNoticeMaterial): TFormMaterialView['provision'] {
  switch (m.obtain) {
    case 'produced':
      return 'previousResult';
    case 'certificateLibrary':
      return 'certificate';
    case 'dataSharing':
      return 'datahub';
    case 'generated':
      return 'generated';
    default:
      return m.form === 'paper' ? 'paper' : 'upload';
  }
}

/**
 * 容缺 is for secondary materials only (DOMAIN.md): never the application form itself nor a proof of
 * who the applicant is, even where a unit's list allows it.
 */
export function isCoreMaterial(m: Pick<TNoticeMaterial, 'key' | 'kind'>): boolean {
  return m.kind === 'form' || /(^|[.-])(id-card|business-licence|identity)([.-]|$)/.test(m.key);
}

export function formMaterials(bundle: Pick<ThemeBundle, 'theme' | 'version' | 'matters' | 'unitNames'>, resolution: Pick<Resolution, 'matters' | 'materials'>): FormMaterial[] {
  return mergeMaterials(bundle, resolution).map((m) => {
    const provision = provisionOf(m);
    const handedIn = provision === 'upload' || provision === 'paper';
    return {
      code: m.key,
      name: m.name,
      required: m.required,
      provision,
      deferrable: handedIn && m.allowMissing && !isCoreMaterial(m),
      commitmentAllowed: handedIn && m.allowCommitment,
      matters: [...m.matters],
      kind: m.kind,
      form: m.form,
    };
  });
}

export const materialView = ({ kind: _k, form: _f, ...view }: FormMaterial): TFormMaterialView => view;
