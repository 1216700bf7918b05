// Writes of units by platform admins (the catalog loader writes the units of the catalog files).
import type { Db } from '../../platform/db.ts';
import type { TCreateUnitBody, TUnitBody } from '../../contract/org.ts';

export async function insertUnit(db: Db, u: TCreateUnitBody): Promise<boolean> {
  const r = await db
    .insertInto('units')
    .values({
      code: u.code, name: u.name, name_en: u.nameEn, level: u.level, kind: u.kind, division_code: u.divisionCode, parent_code: u.parentCode,
      credit_code: u.creditCode, address: u.address ?? null, phone: u.phone ?? null,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateUnitRow(db: Db, code: string, u: TUnitBody): Promise<void> {
  await db
    .updateTable('units')
    .set({
      name: u.name, name_en: u.nameEn, level: u.level, kind: u.kind, division_code: u.divisionCode, parent_code: u.parentCode,
      credit_code: u.creditCode, address: u.address ?? null, phone: u.phone ?? null,
    })
    .where('code', '=', code)
    .execute();
}

export async function lockUnit(db: Db, code: string) {
  return db.selectFrom('units').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function unitWithCreditCode(db: Db, creditCode: string): Promise<string | undefined> {
  return (await db.selectFrom('units').select('code').where('credit_code', '=', creditCode).executeTakeFirst())?.code;
}

export async function parentOf(db: Db, code: string): Promise<string | null | undefined> {
  const r = await db.selectFrom('units').select('parent_code').where('code', '=', code).executeTakeFirst();
  return r === undefined ? undefined : r.parent_code;
}
