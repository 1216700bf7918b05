// 申请表 as a filled PDF: a form to fill that the notice says Yijian generates is printed from what the
// applicant has entered on the one form (the elements of the matters that use it, enum values by their
// labels), with signature lines — to download, sign and upload, for those who do not sign online.
// Nothing is stored: the values come with the request, as the one form holds them before the submit.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { PdfFontMissingError, renderDocumentPdf } from '../../platform/pdf.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { resolveGuidance, type TAnswers } from '../guidance/index.ts';
import { buildThemeForm } from './build-form.ts';
import { formMaterials } from './form-materials.ts';
import { answersIncomplete } from './theme-form.ts';

const VALUE_MAX = 500;

function shown(v: unknown, options: ReadonlyArray<{ value: string; label: string }> | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => shown(x, options)).join('、');
  const s = typeof v === 'object' ? '' : String(v);
  return (options?.find((o) => o.value === s)?.label ?? s).slice(0, VALUE_MAX);
}

export async function filledFormPdf(
  ctx: AppContext, actor: Actor, themeCode: string, materialCode: string, answers: TAnswers, values: Readonly<Record<string, unknown>>,
): Promise<{ bytes: Uint8Array; filename: string }> {
  const catalog = publishedCatalog(ctx.database);
  const bundle = await catalog.theme(themeCode);
  const resolution = resolveGuidance(bundle.theme, answers);
  if (resolution.pending.length > 0) throw answersIncomplete(resolution.pending);
  const material = formMaterials(bundle, resolution).find((m) => m.code === materialCode && m.provision === 'generated');
  if (!material)
    throw new AppError('not_found', 'FORM_NOT_GENERATED', { zh: '本次申请没有可生成的该申请表', en: 'This application has no such form to generate' });
  const form = buildThemeForm(bundle, resolution, await catalog.elements());
  const uses = new Set(material.matters);
  const fields = form.elements
    .filter((e) => !e.producedBy && e.matters.some((m) => uses.has(m)))
    .map((e) => ({ label: e.element.name, value: shown(values[e.code], e.element.options) }));
  try {
    const bytes = await renderDocumentPdf({
      title: material.name.zh, titleEn: material.name.en,
      fields,
      paragraphs: [`本表由“一件事一次办”根据申请人在“${bundle.theme.name}”一表申请中填写的内容自动生成，请核对无误后签名。`],
      signatureLines: ['申请人（签名）', '日期'],
      watermark: `仅供办理“${bundle.theme.name}”使用`,
      issuedAt: ctx.now(),
      footer: `打印人：${actor.name}`,
    });
    return { bytes, filename: `${material.name.zh}.pdf` };
  } catch (err) {
    if (err instanceof PdfFontMissingError) {
      ctx.log.error({ err }, 'no Chinese font for generated PDFs');
      throw new AppError('unprocessable', 'PDF_UNAVAILABLE', { zh: '暂时无法生成申请表，请选择在线签名或联系窗口', en: 'The form cannot be generated now; sign online or ask at the counter' });
    }
    throw err;
  }
}
