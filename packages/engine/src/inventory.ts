import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import type { ScanRuntime } from './context.ts';
import { InputFileError } from './errors.ts';
import type { Resource } from './model.ts';
import type { ScanUnit } from './runner.ts';

export const INVENTORY_VERSION = 1;

const resourceSchema = z.object({
  provider: z.string(),
  account: z.string(),
  region: z.string(),
  type: z.string(),
  id: z.string(),
  name: z.string(),
  tags: z.record(z.string(), z.string()).default({}),
  attributes: z.record(z.string(), z.unknown()).default({}),
  errors: z.record(z.string(), z.object({ code: z.string(), message: z.string() })).default({}),
});

const failureSchema = z.object({
  provider: z.string(),
  account: z.string(),
  region: z.string(),
  service: z.string(),
  resourceType: z.string(),
  code: z.string(),
  message: z.string(),
});

export const inventorySchema = z.object({
  vigilInventory: z.literal(INVENTORY_VERSION),
  provider: z.string(),
  generatedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date'),
  accounts: z.array(z.string()),
  regions: z.array(z.string()),
  /** Resource types that were collected (so an empty type is "none found", not "not collected"). */
  collectedTypes: z.array(z.string()).default([]),
  resources: z.array(resourceSchema),
  /** Whole units that failed: their checks are ERROR when evaluated again. */
  failures: z.array(failureSchema).default([]),
});

export type Inventory = z.infer<typeof inventorySchema>;
export type UnitFailureRecord = z.infer<typeof failureSchema>;

/**
 * A copy of `resource` without its sensitive attributes: each is replaced by a `Redacted`
 * error, so checks that need it report ERROR when the inventory is evaluated again.
 */
export function redactResource(resource: Resource, sensitive: ReadonlySet<string>): Resource {
  const present = Object.keys(resource.attributes).filter((a) => sensitive.has(a));
  if (present.length === 0) return resource;
  const attributes: Record<string, unknown> = { ...resource.attributes };
  const errors = { ...resource.errors };
  for (const a of present) {
    delete attributes[a];
    errors[a] = { code: 'Redacted', message: 'not saved in inventories because it may hold secrets; scan the account again' };
  }
  return { ...resource, attributes, errors };
}

/** Writes an inventory as JSON, gzip-compressed when the file name ends in `.gz`. */
export async function saveInventory(path: string, inventory: Inventory): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const source = Readable.from(inventoryChunks(inventory));
  if (path.endsWith('.gz')) await pipeline(source, createGzip(), createWriteStream(path));
  else await pipeline(source, createWriteStream(path));
}

function* inventoryChunks(inv: Inventory): Generator<string> {
  const { resources, failures, ...head } = inv;
  yield JSON.stringify(head).slice(0, -1);
  yield ',"failures":' + JSON.stringify(failures);
  yield ',"resources":[';
  let first = true;
  for (const r of resources) {
    yield (first ? '\n' : ',\n') + JSON.stringify(r);
    first = false;
  }
  yield '\n]}\n';
}

/** Reads an inventory file written by `--save-inventory` (plain or gzip). */
export async function loadInventory(path: string): Promise<Inventory> {
  let text: string;
  try {
    const chunks: Buffer[] = [];
    const stream = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
    for await (const c of stream) chunks.push(c as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    throw new InputFileError(`Cannot read inventory file ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputFileError(`Inventory file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = inventorySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputFileError(
      `Inventory file ${path} is not a Vigil inventory: ${issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unknown problem'}. ` +
        'Create one with: vigil scan aws --save-inventory FILE',
    );
  }
  return parsed.data;
}

/**
 * Turns an inventory into scan units (one per account and resource type), so a saved
 * inventory is evaluated by the same runner as a live scan, failures included.
 */
export function inventoryUnits(inv: Inventory, wantedTypes: ReadonlySet<string>): ScanUnit[] {
  const groups = new Map<string, { account: string; type: string; resources: Resource[] }>();
  const key = (a: string, t: string) => `${a}\u0000${t}`;
  for (const account of inv.accounts) {
    for (const type of inv.collectedTypes) {
      if (wantedTypes.has(type)) groups.set(key(account, type), { account, type, resources: [] });
    }
  }
  for (const r of inv.resources) {
    if (!wantedTypes.has(r.type)) continue;
    let g = groups.get(key(r.account, r.type));
    if (!g) groups.set(key(r.account, r.type), (g = { account: r.account, type: r.type, resources: [] }));
    g.resources.push(r as Resource);
  }
  const units: ScanUnit[] = [];
  for (const g of groups.values()) {
    units.push({
      id: `${g.account}/inventory/${g.type}`,
      provider: inv.provider,
      account: g.account,
      region: 'inventory',
      service: g.type,
      resourceType: g.type,
       
      async *run(_rt: ScanRuntime) {
        yield* g.resources;
      },
    });
  }
  for (const f of inv.failures) {
    if (!wantedTypes.has(f.resourceType)) continue;
    units.push({
      id: `${f.account}/${f.region}/${f.resourceType}`,
      provider: f.provider,
      account: f.account,
      region: f.region,
      service: f.service,
      resourceType: f.resourceType,
      // eslint-disable-next-line require-yield
      async *run(_rt: ScanRuntime) {
        throw Object.assign(new Error(f.message), { name: f.code });
      },
    });
  }
  return units;
}
