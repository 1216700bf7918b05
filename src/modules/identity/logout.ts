// Sign out: the session row goes, so the cookie is worthless even if it was copied.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { deleteSession } from '../../platform/sessions.ts';
import { recordAudit } from '../audit/index.ts';

export async function logout(ctx: AppContext, actor: Actor, sessionId: string, ip: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (tx) => {
    if (!(await deleteSession(tx, sessionId))) return; // already gone (a second tab signed out first)
    await recordAudit(tx, { actorId: actor.id, actorRole: actor.role, action: 'auth.logout', targetType: 'user', targetId: actor.id, ip });
  });
}
