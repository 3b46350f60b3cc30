import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Generates `schema.ts` (the Kysely `Database` interface) from a migrated database.
 * The migrations are the source of truth; `schema.test.ts` regenerates the file on
 * both engines and fails when it differs from the committed one, with the command
 * that rewrites it (`npm run -w @vigil/db generate`).
 *
 * Columns with a single-column `CHECK (col IN (…))` become string-literal unions,
 * enum types become unions, jsonb columns take the type named in {@link JSON_TYPES}.
 */

/** The TypeScript type of each jsonb column (select side); others are `JsonValue`. */
const JSON_TYPES: Record<string, string> = {
  'custom_checks.remediation': 'JsonObject',
  'custom_checks.rule': 'JsonObject',
  'findings.compliance': 'Record<string, string[]>',
  'providers.tags': 'Record<string, string>',
  'resources.attributes': 'JsonObject',
  'resources.tags': 'Record<string, string>',
  'scan_events.payload': 'JsonObject',
  'scans.counts': 'ScanCounts',
  'scans.scope': 'JsonObject',
};

const HEADER = `// Generated from the migrations by \`npm run -w @vigil/db generate\`; do not edit.
// schema.test.ts fails when this file and the migrated schema disagree.
import type { ColumnType, Generated } from 'kysely';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
/** Counts of a scan's findings: \`{ status: { FAIL: 3, … }, severity: { high: 1, … } }\`. */
export type ScanCounts = { status?: Record<string, number>; severity?: Record<string, number> };
`;

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: string;
  column_default: string | null;
  is_identity: string;
}

function pascal(name: string): string {
  return name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function union(values: string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(' | ');
}

/** Returns the text of `schema.ts` for the database's current `public` schema. */
export async function generateDatabaseTypes<DB>(db: Kysely<DB>): Promise<string> {
  const columns = (
    await sql<ColumnRow>`
      select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default, c.is_identity
      from information_schema.columns c
      join pg_class cl on cl.relname = c.table_name and cl.relnamespace = 'public'::regnamespace
      where c.table_schema = 'public' and cl.relkind in ('r', 'p') and not cl.relispartition
      order by c.table_name, c.ordinal_position`.execute(db)
  ).rows;

  const checks = (
    await sql<{ table_name: string; def: string }>`
      select cl.relname as table_name, pg_get_constraintdef(co.oid) as def
      from pg_constraint co join pg_class cl on cl.oid = co.conrelid
      where co.contype = 'c' and cl.relnamespace = 'public'::regnamespace and not cl.relispartition
      order by 1, 2`.execute(db)
  ).rows;
  const literalUnions = new Map<string, string[]>();
  for (const { table_name, def } of checks) {
    const m = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(def);
    if (!m?.[1] || m[2] === undefined) continue;
    const values = [...m[2].matchAll(/'((?:[^']|'')*)'::text/g)].map((v) => (v[1] ?? '').replace(/''/g, "'"));
    literalUnions.set(`${table_name}.${m[1]}`, values);
  }

  const enums = (
    await sql<{ name: string; labels: string[] }>`
      select t.typname as name, json_agg(e.enumlabel order by e.enumsortorder) as labels
      from pg_type t join pg_enum e on e.enumtypid = t.oid
      where t.typnamespace = 'public'::regnamespace
      group by t.typname order by t.typname`.execute(db)
  ).rows;

  const out: string[] = [HEADER];
  for (const e of enums) out.push(`export type ${pascal(e.name)} = ${union(e.labels)};\n`);

  const tables = new Map<string, ColumnRow[]>();
  for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c]);

  const unions: string[] = [];
  const body: string[] = [];
  for (const [table, cols] of tables) {
    body.push(`export interface ${pascal(table)}Table {`);
    for (const c of cols) {
      const key = `${table}.${c.column_name}`;
      let select: string;
      let write: string;
      const literals = literalUnions.get(key);
      const literalType = `${pascal(table)}${pascal(c.column_name)}`;
      if (literals) unions.push(`export type ${literalType} = ${union(literals)};`);
      switch (c.data_type) {
        case 'uuid':
        case 'text':
        case 'character varying':
        case 'name':
          select = write = literals ? literalType : 'string';
          break;
        case 'smallint':
        case 'integer':
        case 'bigint':
        case 'real':
        case 'double precision':
          select = write = 'number';
          break;
        case 'boolean':
          select = write = 'boolean';
          break;
        case 'timestamp with time zone':
        case 'timestamp without time zone':
          select = 'Date';
          write = 'Date | string';
          break;
        case 'jsonb':
        case 'json':
          select = JSON_TYPES[key] ?? 'JsonValue';
          // Written as JSON text on both engines (pg would turn a JS array into a SQL array).
          write = 'string';
          break;
        case 'bytea':
          select = write = 'Uint8Array';
          break;
        case 'USER-DEFINED':
          select = write = pascal(c.udt_name);
          break;
        default:
          throw new Error(`codegen: no TypeScript type for ${key} (${c.data_type})`);
      }
      const nullable = c.is_nullable === 'YES';
      const hasDefault = c.column_default !== null || c.is_identity === 'YES';
      const n = nullable ? ' | null' : '';
      const s = select + n;
      const u = write + n;
      const i = hasDefault || nullable ? `${u} | undefined` : u;
      const type =
        s === u && i === u ? s : s === u && i === `${u} | undefined` ? `Generated<${s}>` : `ColumnType<${s}, ${i}, ${u}>`;
      body.push(`  ${c.column_name}: ${type};`);
    }
    body.push('}\n');
  }
  out.push(unions.join('\n') + '\n', ...body);
  out.push('export interface Database {');
  for (const table of tables.keys()) out.push(`  ${table}: ${pascal(table)}Table;`);
  out.push('}\n');
  return out.join('\n');
}
