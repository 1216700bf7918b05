// What each simulated registry stores and how callers look records up. Pure types and constants,
// shared by the server, the demo seed and the bulk generator.

export const REGISTRY_RESOURCES = ['household', 'birth', 'social-insurance', 'real-estate', 'residence-permit', 'marriage', 'company'] as const;
export type RegistryResource = (typeof REGISTRY_RESOURCES)[number];

export function isRegistryResource(value: string): value is RegistryResource {
  return (REGISTRY_RESOURCES as readonly string[]).includes(value);
}

export type LookupKeyKind = 'idNumber' | 'creditCode' | 'certificateNo';

/** The query parameters each registry answers; real registries index only a few columns. */
export const LOOKUP_KEYS: Record<RegistryResource, readonly LookupKeyKind[]> = {
  household: ['idNumber'],
  birth: ['idNumber', 'certificateNo'],
  'social-insurance': ['idNumber', 'creditCode'],
  'real-estate': ['idNumber', 'creditCode', 'certificateNo'],
  'residence-permit': ['idNumber', 'certificateNo'],
  marriage: ['idNumber', 'certificateNo'],
  company: ['creditCode'],
};

export type RecordFields = Record<string, string | number | boolean | null | ReadonlyArray<Record<string, string>>>;

/**
 * One stored row. `keys` lists every lookup value that finds it (a birth record is found by either
 * parent's ID number and by its certificate number); `sortKey` orders several matches, newest first.
 */
export interface RegistryRow {
  resource: RegistryResource;
  keys: Partial<Record<LookupKeyKind, string[]>>;
  sortKey: string;
  record: RecordFields;
}
