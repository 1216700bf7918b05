// The only code that touches application_query_codes and progress_lookup_settings.
import type { Db } from '../../platform/db.ts';

export async function findQueryCode(db: Db, applicationId: string): Promise<string | undefined> {
  return (await db.selectFrom('application_query_codes').select('code').where('application_id', '=', applicationId).executeTakeFirst())?.code;
}

/** Keeps the first code made for the application (two first views at once agree on one). */
export async function insertQueryCodeIfAbsent(db: Db, applicationId: string, code: string, at: Date): Promise<string> {
  await db.insertInto('application_query_codes').values({ application_id: applicationId, code, created_at: at })
    .onConflict((oc) => oc.column('application_id').doNothing()).execute();
  const kept = await findQueryCode(db, applicationId);
  if (!kept) throw new Error(`query code of ${applicationId} not kept`);
  return kept;
}

export async function findApplicationByNumber(db: Db, number: string) {
  return db.selectFrom('applications').select(['id', 'number', 'theme_code', 'status', 'created_at', 'updated_at']).where('number', '=', number).executeTakeFirst();
}

export async function progressLookupSettings(db: Db): Promise<{ max_failures: number; window_minutes: number }> {
  return (await db.selectFrom('progress_lookup_settings').select(['max_failures', 'window_minutes']).executeTakeFirst()) ?? { max_failures: 10, window_minutes: 15 };
}
