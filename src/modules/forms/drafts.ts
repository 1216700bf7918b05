// Drafts of the one form (暂存): one per person and theme, kept on the server so that a form begun on
// a phone can be finished on a computer. A draft may be partial: its shape is checked, its values
// are not (submit validates them in full). A successful submit deletes it.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { DRAFT_MAX_BYTES, type TDraft, type TDraftBody } from '../../contract/forms.ts';

const draftNotFound = () => notFound({ zh: '草稿', en: 'Draft' }, 'DRAFT_NOT_FOUND');

export async function saveDraft(ctx: AppContext, actor: Actor, themeCode: string, body: TDraftBody): Promise<{ themeCode: string; updatedAt: string }> {
  const json = JSON.stringify(body);
  if (Buffer.byteLength(json) > DRAFT_MAX_BYTES)
    throw new AppError('unprocessable', 'DRAFT_TOO_LARGE', { zh: '草稿内容过多，无法保存', en: `A draft may be at most ${DRAFT_MAX_BYTES / 1024} KB` });
  await publishedCatalog(ctx.database).theme(themeCode); // an unknown theme is a 404, not a stored draft
  const at = ctx.now();
  await ctx.database.db
    .insertInto('form_drafts')
    .values({ user_id: actor.id, theme_code: themeCode, body: json, updated_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'theme_code']).doUpdateSet({ body: json, updated_at: at }))
    .execute();
  return { themeCode, updatedAt: at.toISOString() };
}

export async function getDraft(ctx: AppContext, actor: Actor, themeCode: string): Promise<TDraft> {
  const row = await ctx.database.db.selectFrom('form_drafts').select(['body', 'updated_at']).where('user_id', '=', actor.id).where('theme_code', '=', themeCode).executeTakeFirst();
  if (!row) throw draftNotFound();
  const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as TDraftBody;
  return { ...body, themeCode, updatedAt: new Date(row.updated_at).toISOString() };
}

export async function deleteDraft(ctx: AppContext, actor: Actor, themeCode: string): Promise<void> {
  const r = await ctx.database.db.deleteFrom('form_drafts').where('user_id', '=', actor.id).where('theme_code', '=', themeCode).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw draftNotFound();
}

export async function listDrafts(ctx: AppContext, actor: Actor): Promise<Array<{ themeCode: string; updatedAt: string }>> {
  const rows = await ctx.database.db.selectFrom('form_drafts').select(['theme_code', 'updated_at']).where('user_id', '=', actor.id).orderBy('updated_at', 'desc').limit(100).execute();
  return rows.map((r) => ({ themeCode: r.theme_code, updatedAt: new Date(r.updated_at).toISOString() }));
}
