import { randomBytes } from 'node:crypto';
import { isUuid, withSystem } from '@vigil/db';
import type { Db } from '@vigil/db';
import { UsageError, VigilError } from '@vigil/engine';
import { hashPassword } from '@vigil/security';

/** Tenant slugs: what `--tenant` accepts besides an id. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug of a tenant name: lower case, runs of other characters become one hyphen. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The tenant the seeder writes to; `owner` is set when the seeder created it. */
export interface SeedTenant {
  id: string;
  name: string;
  created: boolean;
  owner?: { email: string; password?: string };
}

/**
 * Finds the tenant `--tenant` names: by id (it must exist), or by slug (the slug of
 * its name). A slug no tenant has creates the tenant, named after the slug, with an
 * owner `owner@<slug>.example.com` who gets a generated password (printed once), so
 * the seeded data can be browsed right away. If that user exists already it becomes
 * the owner and keeps its password. Runs on the system path (sign-up crosses tenants).
 *
 * @throws VigilError `TENANT_NOT_FOUND` for an unknown id, `TENANT_AMBIGUOUS` when
 *   several tenants have the slug; UsageError for a value that is neither.
 */
export async function resolveSeedTenant(db: Db, value: string): Promise<SeedTenant> {
  if (isUuid(value)) {
    const row = await withSystem(db, (trx) => trx.selectFrom('tenants').select(['id', 'name']).where('id', '=', value).executeTakeFirst());
    if (!row) throw new VigilError('TENANT_NOT_FOUND', `tenant "${value}" not found: pass the id of an existing tenant, or a slug to create one`);
    return { id: row.id, name: row.name, created: false };
  }
  if (!SLUG.test(value) || value.length > 63) {
    throw new UsageError(`--tenant must be a tenant id (UUID) or a slug of lower-case letters, digits and hyphens (at most 63), got "${value}"`);
  }
  const matches = await withSystem(db, async (trx) => {
    const rows = await trx.selectFrom('tenants').select(['id', 'name']).orderBy('created_at').execute();
    return rows.filter((r) => slugOf(r.name) === value);
  });
  if (matches.length > 1) {
    throw new VigilError(
      'TENANT_AMBIGUOUS',
      `${matches.length} tenants have the slug "${value}" (${matches.map((m) => `${m.id} "${m.name}"`).join(', ')}): pass --tenant <id>`,
    );
  }
  const found = matches[0];
  if (found) return { id: found.id, name: found.name, created: false };

  const email = `owner@${value}.example.com`;
  const password = `${randomBytes(18).toString('base64url')}-Vg9`;
  // Hashing takes a few hundred ms of CPU: outside the transaction.
  const passwordHash = await hashPassword(password);
  return withSystem(db, async (trx) => {
    const tenant = await trx.insertInto('tenants').values({ name: value }).returning(['id', 'name']).executeTakeFirstOrThrow();
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    const userId =
      existing?.id ??
      (await trx.insertInto('users').values({ email, name: `${value} owner`, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow()).id;
    await trx.insertInto('memberships').values({ tenant_id: tenant.id, user_id: userId, role: 'owner' }).execute();
    return { id: tenant.id, name: tenant.name, created: true, owner: existing ? { email } : { email, password } };
  });
}
