// case_history.event takes only the declared events: migration 013's CHECK must list exactly the
// keys of CASE_EVENTS (the contract). Declaring an event means adding it to both.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents } from '../../contract/case-status.ts';
import { createTestDatabase, DB_KINDS, postgresAvailable, type TestDatabase } from '../../../tests/helpers/databases.ts';

const withPostgres = await postgresAvailable();

describe.each(DB_KINDS)('case_history.event on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && !withPostgres)('', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('lists exactly the declared case events in its CHECK constraint', async () => {
      const { rows } = await sql<{ def: string }>`
        select pg_get_constraintdef(oid) as def from pg_constraint
        where conrelid = 'case_history'::regclass and conname = 'case_history_event_declared'`.execute(database.db);
      expect(rows).toHaveLength(1);
      const listed = [...rows[0]!.def.matchAll(/'([^']+)'/g)].map((m) => m[1]);
      expect(listed.toSorted()).toEqual(caseEvents.toSorted());
    });

    it('refuses an event that is not declared', async () => {
      const row = (event: string) => sql`
        insert into case_history (case_kind, case_id, application_id, from_status, to_status, event)
        values ('subcase', gen_random_uuid(), gen_random_uuid(), '01', '02', ${event})`.execute(database.db);
      await expect(row('receive')).resolves.toBeDefined();
      await expect(row('release')).rejects.toThrow(/case_history_event_declared/);
    });
  });
});
