#!/usr/bin/env node
// Table ownership, checked by `npm run lint`: each table has one owning module, and only that module's
// code touches it. A module may read another's table only where ALLOW says so; writes and row locks
// (insert, update, delete, `for update`) go through the owner's index.ts. Scans src/modules/**
// (not *.test.ts: tests set up rows wherever they need them) for Kysely calls and sql`` templates.
//   node scripts/check-tables.mjs [root]     root defaults to the repository; exit 1 on a violation
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** table → owning module (the module that creates and writes it); `platform` = src/platform/. */
export const OWNERS = {
  // catalog: the catalog files load divisions and units too (org is their read side)
  divisions: 'catalog', units: 'catalog',
  data_elements: 'catalog', matters: 'catalog', matter_versions: 'catalog', themes: 'catalog', theme_versions: 'catalog',
  theme_search: 'catalog', catalog_state: 'catalog',
  users: 'identity', staff_roles: 'identity', sms_challenges: 'identity', identity_settings: 'identity', oidc_pending_logins: 'identity',
  sessions: 'platform', schema_migrations: 'platform', outbox: 'platform', scheduled_tasks: 'platform',
  audit_log: 'audit',
  applications: 'cases', subcases: 'cases', case_history: 'cases', case_clock_settings: 'cases', subcase_clock_levels: 'cases', supplement_files: 'cases',
  application_query_codes: 'cases', progress_lookup_settings: 'cases',
  notification_settings: 'notify', notifications: 'notify', notification_deliveries: 'notify',
  uploads: 'materials', application_materials: 'materials',
  form_drafts: 'forms', application_promises: 'forms',
  counter_intakes: 'counter',
  payments: 'payments', payment_callbacks: 'payments',
  routing_rules: 'routing',
  unit_adapters: 'dispatch', unit_keys: 'dispatch', dispatch_tasks: 'dispatch', dispatch_secrets: 'dispatch',
  adapter_sequences: 'dispatch', adapter_events: 'dispatch', reconciliation_findings: 'dispatch',
  dispatch_jobs: 'dispatch', // dropped by migration 014 (the scheduler's scheduled_tasks replaced it)
  subcase_deadline_changes: 'cases', // dropped by migration 015 (level changes are domain events)
};

/** Cross-module access allowed today. `write` allows reads, writes and locks; `read` allows reads only. */
export const ALLOW = [
  { module: 'org', table: 'divisions', access: 'read', reason: 'org answers questions about divisions the catalog loads' },
  { module: 'org', table: 'units', access: 'read', reason: 'org answers questions about units the catalog loads' },
  { module: 'dispatch', table: 'subcases', access: 'read', reason: 'reconciliation and re-entry compare with the sub-cases' },
  { module: 'dispatch', table: 'applications', access: 'read', reason: 'envelopes carry the application' },
  { module: 'dispatch', table: 'units', access: 'read', reason: 'adapters are configured per unit' },
  { module: 'dispatch', table: 'uploads', access: 'read', reason: 'file links in envelopes' },
  { module: 'dispatch', table: 'application_materials', access: 'read', reason: 'envelopes list the materials' },
  { module: 'materials', table: 'applications', access: 'read', reason: 'who may download a file of an application' },
  { module: 'materials', table: 'subcases', access: 'read', reason: 'a unit may download the files its sub-cases use' },
  { module: 'materials', table: 'supplement_files', access: 'read', reason: 'the unit of a sub-case may download the files of its supplement answers' },
  { module: 'routing', table: 'units', access: 'read', reason: 'rules point at units' },
  { module: 'org', table: 'units', access: 'write', reason: 'platform admins create and edit units (the catalog files load the rest)' },
  { module: 'routing', table: 'divisions', access: 'read', reason: 'rules are per division' },
];

const SQL_WORDS = new Set(['where', 'set', 'on', 'using', 'join', 'left', 'right', 'inner', 'full', 'cross', 'natural', 'group', 'order', 'limit',
  'offset', 'for', 'returning', 'values', 'select', 'union', 'having', 'window', 'lateral', 'as', 'and', 'or', 'default', 'skip', 'nowait', 'with']);

/** One access: the table, 'read' | 'write' | 'lock', and the 1-based line. */
function lineAt(text, index) {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

// ---------- sql`` templates: their literal text, with ${…} as `?` ----------

function skipString(text, i, quote) {
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return i;
}

/** From the opening backtick at i: [end index, literal text]. Expressions are skipped (nested sql`` are found on their own). */
function readTemplate(text, i) {
  let literal = '';
  for (i++; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') { literal += text[i + 1] ?? ''; i++; continue; }
    if (c === '`') return [i + 1, literal];
    if (c === '$' && text[i + 1] === '{') { i = skipExpression(text, i + 2) - 1; literal += ' ? '; continue; }
    literal += c;
  }
  return [i, literal];
}

function skipExpression(text, i) {
  let depth = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') { i = readTemplate(text, i)[0]; continue; }
    if (c === '\'' || c === '"') { i = skipString(text, i, c); continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return i;
}

function sqlAccesses(literal) {
  const s = literal.toLowerCase().replace(/--[^\n]*/g, ' ');
  const found = [];
  const known = (t) => Object.hasOwn(OWNERS, t);
  const aliases = new Map();
  const readTables = [];
  for (const m of s.matchAll(/\b(from|join|update|into)\s+([a-z_][a-z0-9_]*)(?!\s*\()(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?/g)) {
    const [, , table, alias] = m;
    if (!known(table)) continue;
    aliases.set(table, table);
    if (alias && !SQL_WORDS.has(alias)) aliases.set(alias, table);
    if (m[1] === 'from' || m[1] === 'join') { found.push({ table, access: 'read' }); readTables.push(table); }
  }
  for (const m of s.matchAll(/\binsert\s+into\s+([a-z_][a-z0-9_]*)/g)) if (known(m[1])) found.push({ table: m[1], access: 'write' });
  for (const m of s.matchAll(/\bdelete\s+from\s+([a-z_][a-z0-9_]*)/g)) if (known(m[1])) found.push({ table: m[1], access: 'write' });
  for (const m of s.matchAll(/\b(for\s+(?:no\s+key\s+)?|do\s+)?update\s+([a-z_][a-z0-9_]*)/g)) if (!m[1] && known(m[2])) found.push({ table: m[2], access: 'write' });
  for (const m of s.matchAll(/\bfor\s+(?:no\s+key\s+update|update|key\s+share|share)\b(?:\s+of\s+([a-z_][a-z0-9_]*(?:\s*,\s*[a-z_][a-z0-9_]*)*))?/g)) {
    const locked = m[1] ? m[1].split(/\s*,\s*/).map((a) => aliases.get(a)).filter(Boolean) : readTables;
    for (const table of locked) found.push({ table, access: 'lock' });
  }
  return found;
}

// ---------- Kysely calls and the write helpers ----------

const KYSELY = { selectFrom: 'read', innerJoin: 'read', leftJoin: 'read', rightJoin: 'read', fullJoin: 'read', crossJoin: 'read', insertInto: 'write', replaceInto: 'write', updateTable: 'write', deleteFrom: 'write', mergeInto: 'write' };
/** platform helpers that write the table named by their first argument (or a fixed one) */
const HELPERS = { insertRowsAsJson: null };

/** Every table access in one source text: [{ table, access, line }]. Unknown tables are reported as such by the caller. */
export function scanSource(text) {
  const out = [];
  // names of Kysely common table expressions (.with('x', …), .withRecursive('x(col)', …)) are not tables
  const ctes = new Set([...text.matchAll(/\.with(?:Recursive)?\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  for (const m of text.matchAll(/\b(selectFrom|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (ctes.has(m[2])) continue;
    let access = KYSELY[m[1]];
    if (m[1] === 'selectFrom') {
      // a row lock is a write: look along this call chain (up to its `;` or the next query) for .forUpdate() and kin
      const rest = text.slice(m.index + m[0].length, m.index + 4000);
      const end = rest.search(/;|\bselectFrom\(|\binsertInto\(|\bupdateTable\(|\bdeleteFrom\(/);
      if (/\.for(Update|NoKeyUpdate|Share|KeyShare)\(/.test(end === -1 ? rest : rest.slice(0, end))) access = 'lock';
    }
    out.push({ table: m[2], access, line: lineAt(text, m.index), kysely: true });
  }
  for (const m of text.matchAll(/\b(insertRowsAsJson)\(\s*(?:['"]([A-Za-z_][A-Za-z0-9_]*))?/g)) {
    const table = HELPERS[m[1]] ?? m[2];
    if (table && !/function\s+$/.test(text.slice(Math.max(0, m.index - 9), m.index))) out.push({ table, access: 'write', line: lineAt(text, m.index), kysely: true });
  }
  for (const m of text.matchAll(/\bsql(?:<[^`;]*?>)?`/g)) {
    const start = m.index + m[0].length - 1;
    const [, literal] = readTemplate(text, start);
    for (const a of sqlAccesses(literal)) out.push({ ...a, line: lineAt(text, start) });
  }
  return out;
}

function allowed(module, table, access) {
  return ALLOW.some((a) => (a.module === module || a.module === '*') && a.table === table && (a.access === 'write' || access === 'read'));
}

function* tsFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) yield p;
  }
}

/** Checks root/src/modules/** (and that every table root/migrations creates has an owner). Returns the problems as lines. */
export function checkTables(root) {
  const problems = [];
  const migrations = path.join(root, 'migrations');
  if (existsSync(migrations)) {
    for (const f of readdirSync(migrations).filter((n) => n.endsWith('.sql')).sort()) {
      for (const m of readFileSync(path.join(migrations, f), 'utf8').matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi))
        if (!Object.hasOwn(OWNERS, m[1].toLowerCase())) problems.push(`migrations/${f}: table ${m[1]} has no owner in scripts/check-tables.mjs OWNERS`);
    }
  }
  const modules = path.join(root, 'src', 'modules');
  for (const file of tsFiles(modules)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const module = rel.split('/')[2];
    for (const a of scanSource(readFileSync(file, 'utf8'))) {
      const owner = OWNERS[a.table];
      if (!owner) {
        if (a.kysely) problems.push(`${rel}:${a.line}: table ${a.table} has no owner in scripts/check-tables.mjs OWNERS`);
        continue;
      }
      if (owner === module || allowed(module, a.table, a.access)) continue;
      const verb = a.access === 'lock' ? 'locks rows of' : a.access === 'write' ? 'writes' : 'reads';
      const hint = a.access === 'read' ? 'add it to ALLOW with a reason, or ask the owner through its index.ts' : `ask ${owner} through its index.ts`;
      problems.push(`${rel}:${a.line}: module ${module} ${verb} table ${a.table} owned by ${owner} (${hint})`);
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkTables(root);
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`check-tables: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('check-tables: every table is touched by its owner (or as ALLOW says)');
}
