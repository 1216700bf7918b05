// Each registry keeps its own JSON-lines file in the data directory (`<resource>.jsonl`), read into
// an in-memory index at start. JSON lines rather than a database: the generator appends millions of
// rows quickly, a person can read the files, and nothing here needs transactions.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REGISTRY_RESOURCES, type LookupKeyKind, type RecordFields, type RegistryResource, type RegistryRow } from './registry-data.ts';

export const registryFile = (dataDir: string, resource: RegistryResource): string => path.join(dataDir, `${resource}.jsonl`);

/** Appends rows to their registries' files; batches writes because the generator calls it in a loop. */
export function appendRows(dataDir: string, rows: readonly RegistryRow[]): void {
  mkdirSync(dataDir, { recursive: true });
  const byResource = new Map<RegistryResource, string[]>();
  for (const row of rows) {
    const lines = byResource.get(row.resource) ?? [];
    lines.push(JSON.stringify({ keys: row.keys, sortKey: row.sortKey, record: row.record }));
    byResource.set(row.resource, lines);
  }
  for (const [resource, lines] of byResource) appendFileSync(registryFile(dataDir, resource), lines.join('\n') + '\n');
}

/** Empties every registry file, so that a fresh generator run does not duplicate records. */
export function resetRegistries(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  for (const resource of REGISTRY_RESOURCES) writeFileSync(registryFile(dataDir, resource), '');
}

export const registriesExist = (dataDir: string): boolean => REGISTRY_RESOURCES.some((r) => existsSync(registryFile(dataDir, r)));

interface StoredRow {
  sortKey: string;
  record: RecordFields;
}

export class RegistryStore {
  private readonly index = new Map<string, StoredRow[]>();
  private count = 0;

  constructor(readonly resource: RegistryResource) {}

  static load(dataDir: string, resource: RegistryResource): RegistryStore {
    const store = new RegistryStore(resource);
    const file = registryFile(dataDir, resource);
    if (!existsSync(file)) return store;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as Pick<RegistryRow, 'keys' | 'sortKey' | 'record'>;
      store.add(row.keys, { sortKey: row.sortKey, record: row.record });
    }
    return store;
  }

  private add(keys: RegistryRow['keys'], row: StoredRow): void {
    this.count++;
    for (const [kind, values] of Object.entries(keys)) {
      for (const value of new Set(values ?? [])) {
        const k = `${kind}:${value}`;
        const list = this.index.get(k);
        if (list) list.push(row);
        else this.index.set(k, [row]);
      }
    }
  }

  /** Every record found by the key, newest first. */
  find(kind: LookupKeyKind, value: string): RecordFields[] {
    const rows = this.index.get(`${kind}:${value}`) ?? [];
    return [...rows].sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0)).map((r) => r.record);
  }

  get size(): number {
    return this.count;
  }
}
