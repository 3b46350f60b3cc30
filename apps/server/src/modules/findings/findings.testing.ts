import { randomBytes } from 'node:crypto';
import { commitFindingStates, insertFindings, withSystem, withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import type { Finding } from '@vigil/engine';
import type { Role } from '../../context.ts';
import type { TestApp } from '../../testing/index.ts';

/**
 * Test helper: stores a scan of a provider (state `completed` unless given) and its
 * findings through `insertFindings`, as the worker would. Returns the scan id.
 */
export async function seedScan(
  db: Db,
  o: { tenantId: string; providerId: string; createdAt: Date; findings: readonly Finding[]; state?: 'completed' | 'failed' | 'running' },
): Promise<string> {
  const scan = await withSystem(db, (trx) =>
    trx
      .insertInto('scans')
      .values({ tenant_id: o.tenantId, provider_id: o.providerId, state: o.state ?? 'completed', created_at: o.createdAt, finished_at: o.createdAt })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  await withTenant(db, o.tenantId, async (trx) => {
    await insertFindings(trx, { scanId: scan.id, findings: o.findings });
    await commitFindingStates(trx, scan.id);
  });
  return scan.id;
}

/**
 * Test helper: a user with `role` in the tenant and its `Authorization` header, without
 * a password (seedUser hashes one with scrypt, which costs ~0.3 s of CPU per user).
 */
export async function seedMember(t: TestApp, tenantId: string, role: Role): Promise<{ userId: string; authorization: string }> {
  const userId = await withSystem(t.db, async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ email: `member-${randomBytes(4).toString('hex')}@example.test` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('memberships').values({ tenant_id: tenantId, user_id: user.id, role }).execute();
    return user.id;
  });
  const { token } = await t.deps.tokens.issue({ userId, tenantId, role });
  return { userId, authorization: `Bearer ${token}` };
}
