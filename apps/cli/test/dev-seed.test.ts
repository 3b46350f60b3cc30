import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsChecks } from '@vigil/aws';
import { createDatabase, withSystem } from '@vigil/db';
import type { Db } from '@vigil/db';
import { createTestDatabase, TEST_ENGINES } from '@vigil/db/testing';
import type { TestDatabase } from '@vigil/db/testing';
import { bufferIo } from '../src/io.ts';
import { main } from '../src/main.ts';
import { planSeed, scanFindings } from '../src/seed/plan.ts';
import { tempDir } from './env.ts';

async function vigil(args: string[], databaseUrl?: string) {
  const io = bufferIo();
  const saved = process.env.DATABASE_URL;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  try {
    const code = await main(args, io);
    return { code, out: io.stdout(), err: io.stderr() };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

const NOW = '2026-03-10T12:00:00.000Z';

describe('vigil dev seed arguments', () => {
  it.each([
    [['--findings', 'many'], /--findings must be a whole number/],
    [['--findings', '-5'], /--findings must be a whole number/],
    [['--batch', '0'], /--batch must be a whole number from 1/],
    [['--scans', '1.5'], /--scans must be a whole number/],
    [['--providers', '3', '--resources', '2'], /--resources \(2\) must be at least --providers \(3\)/],
    [['--now', 'yesterday'], /--now must be an ISO 8601 time/],
    [['--providers', '1000', '--scans', '3650', '--resources', '5000'], /at most 1,000,000 scans/],
    [['--findings', '100000', '--resources', '10'], /raise --resources to about \d+/],
  ])('refuses %j with a clear message, exit 2, before opening any database', async (args, message) => {
    const dataDir = join(tempDir('vigil-seed-args-'), 'data');
    const r = await vigil(['dev', 'seed', '--tenant', 'acme', '--data-dir', dataDir, ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('requires --tenant and documents the command', async () => {
    const missing = await vigil(['dev', 'seed', '--findings', '10']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--tenant/);
    const help = await vigil(['dev', 'seed', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--findings <n>/);
    expect(help.out).toMatch(/DATABASE_URL/);
  });
});

describe('vigil dev seed data', () => {
  const spec = { findings: 3_000, resources: 400, providers: 2, scans: 3, seed: 7, now: new Date(NOW) };

  it('is a pure function of the seed', () => {
    const project = (seed: number) => {
      const plan = planSeed({ ...spec, seed });
      const ids = plan.scans.flatMap((s) => [...scanFindings(plan, s, 500)].flat().map((f) => `${f.id}:${f.status}:${f.resource.id}`));
      return { accounts: plan.providers.map((p) => p.accountId), ids };
    };
    const a = project(7);
    expect(project(7)).toEqual(a);
    expect(project(8).accounts).not.toEqual(a.accounts);
    expect(a.accounts.every((id) => /^\d{12}$/.test(id))).toBe(true);
  });

  it('uses real checks with their metadata, collector-shaped ARNs and a plausible status mix', () => {
    const plan = planSeed(spec);
    const findings = plan.scans.flatMap((s) => [...scanFindings(plan, s, 1_000)].flat());
    expect(findings).toHaveLength(spec.findings);
    const catalogue = new Map(awsChecks.map((c) => [c.id, c]));
    for (const f of findings) {
      const check = catalogue.get(f.checkId);
      expect(check, f.checkId).toBeDefined();
      expect(f.severity).toBe(check?.severity);
      expect(f.check.service).toBe(check?.service);
      expect(f.resource.type).toBe(check?.resourceType);
      expect(f.resource.id).toMatch(/^arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+/);
    }
    expect(findings.some((f) => Object.keys(f.compliance).length > 0)).toBe(true);
    const share = (s: string) => findings.filter((f) => f.status === s).length / findings.length;
    expect(share('PASS')).toBeGreaterThan(0.5);
    expect(share('FAIL')).toBeGreaterThan(0.15);
    expect(share('FAIL')).toBeLessThan(0.45);
    expect(share('ERROR')).toBeLessThan(0.05);
  });
});

/** Opens the database a seed run wrote to, for the assertions. */
type Opener = () => Promise<{ db: Db; close: () => Promise<void> }>;

describe.each(TEST_ENGINES)('vigil dev seed on %s', (engine) => {
  let t: TestDatabase | undefined;
  let dataDir: string;
  let url: string | undefined;
  let open: Opener;
  beforeAll(async () => {
    dataDir = tempDir('vigil-seed-');
    if (engine === 'postgres') {
      t = await createTestDatabase('postgres', { migrate: false });
      url = t.url;
      const db = t.db;
      open = async () => ({ db, close: async () => {} });
    } else {
      open = async () => {
        const db = await createDatabase({ dataDir: join(dataDir, 'pgdata') });
        return { db, close: () => db.destroy() };
      };
    }
  }, 60_000);
  afterAll(async () => t?.close());

  const seed = (tenant: string, extra: string[] = []) =>
    vigil(
      ['dev', 'seed', '--tenant', tenant, '--findings', '600', '--resources', '120', '--providers', '2', '--scans', '3', '--batch', '70', '--now', NOW, '--data-dir', dataDir, ...extra],
      url,
    );

  async function snapshot(tenantName: string) {
    const { db, close } = await open();
    try {
      return await withSystem(db, async (trx) => {
        const tenant = await trx.selectFrom('tenants').select('id').where('name', '=', tenantName).executeTakeFirstOrThrow();
        const providers = await trx.selectFrom('providers').select(['account_id', 'alias']).where('tenant_id', '=', tenant.id).orderBy('account_id').execute();
        const scans = await trx
          .selectFrom('scans')
          .select(['id', 'state', 'finding_count', 'counts', 'created_at'])
          .where('tenant_id', '=', tenant.id)
          .orderBy('created_at')
          .execute();
        const resources = await trx.selectFrom('resources').select(['uid', 'type', 'region']).where('tenant_id', '=', tenant.id).orderBy('uid').execute();
        const findings = await trx
          .selectFrom('findings')
          .select(['finding_uid', 'check_id', 'status', 'severity', 'resource_uid', 'message', 'delta', 'scan_created_at'])
          .where('tenant_id', '=', tenant.id)
          .orderBy('scan_created_at')
          .orderBy('finding_uid')
          .execute();
        const states = await trx.selectFrom('finding_states').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
        const owner = await trx
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select(['u.email', 'm.role'])
          .where('m.tenant_id', '=', tenant.id)
          .execute();
        return { tenantId: tenant.id, providers, scans, resources, findings, states: Number(states.n), owner };
      });
    } finally {
      await close();
    }
  }

  it('creates the tenant and stores exactly the counts asked for, with real deltas between scans', async () => {
    const r = await seed('acme-dev');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/findings +done: 600/);
    expect(r.out).toMatch(/findings +600/);
    expect(r.out).toMatch(/Log in to the new tenant as owner@acme-dev\.example\.com with the password \S+/);

    const s = await snapshot('acme-dev');
    expect(s.owner).toEqual([{ email: 'owner@acme-dev.example.com', role: 'owner' }]);
    expect(s.providers).toHaveLength(2);
    expect(s.providers.every((p) => /^\d{12}$/.test(p.account_id) && p.alias)).toBe(true);
    expect(s.scans).toHaveLength(6);
    expect(s.scans.every((x) => x.state === 'completed')).toBe(true);
    expect(s.scans.reduce((n, x) => n + x.finding_count, 0)).toBe(600);
    const counted = s.scans.reduce((n, x) => n + Object.values((x.counts as { status: Record<string, number> }).status).reduce((a, b) => a + b, 0), 0);
    expect(counted).toBe(600);
    expect(s.resources).toHaveLength(120);
    expect(s.findings).toHaveLength(600);
    // 100 findings per scan, the same pairs each time: every later scan compares with the one before.
    expect(s.states).toBe(200);
    const firstScans = new Set(s.scans.slice(0, 2).map((x) => x.created_at.getTime()));
    const later = s.findings.filter((f) => !firstScans.has(f.scan_created_at.getTime()));
    expect(later).toHaveLength(400);
    expect(later.some((f) => f.delta === 'new')).toBe(false);
    expect(later.filter((f) => f.delta === 'unchanged').length).toBeGreaterThan(300);
  }, 120_000);

  it('stores the same data for the same seed, and adds scans to the accounts on a second run', async () => {
    expect((await seed('det-one')).code).toBe(0);
    expect((await seed('det-two')).code).toBe(0);
    const strip = (x: Awaited<ReturnType<typeof snapshot>>) => ({
      providers: x.providers,
      resources: x.resources,
      findings: x.findings,
      scans: x.scans.map((sc) => [sc.created_at.toISOString(), sc.finding_count, sc.counts]),
    });
    const one = await snapshot('det-one');
    expect(strip(await snapshot('det-two'))).toEqual(strip(one));

    const other = await seed('det-three', ['--seed', '99']);
    expect(other.code).toBe(0);
    const three = await snapshot('det-three');
    expect(three.providers.map((p) => p.account_id)).not.toEqual(one.providers.map((p) => p.account_id));

    // By id, the tenant exists: same accounts are reused, resources updated, no new owner.
    const again = await seed(one.tenantId, ['--now', '2026-03-13T12:00:00.000Z']);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/2 account\(s\) existed already/);
    expect(again.out).not.toMatch(/Log in/);
    const after = await snapshot('det-one');
    expect(after.providers).toEqual(one.providers);
    expect(after.scans).toHaveLength(12);
    expect(after.resources).toHaveLength(120);
    expect(after.findings).toHaveLength(1200);
  }, 180_000);

  it('refuses an unknown tenant id and a tenant value that is not a slug', async () => {
    const unknown = await seed('00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/tenant "00000000-0000-4000-8000-000000000000" not found/);
    const bad = await seed('Acme Corp');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/slug of lower-case letters/);
  }, 60_000);
});
