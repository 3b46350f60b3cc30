import { randomBytes } from 'node:crypto';
import type { Finding, Severity, Status } from '@vigil/engine';
import pg from 'pg';
import { createDatabase } from '../database.ts';
import type { Db } from '../database.ts';
import { migrate } from '../migrate.ts';
import { ensureFindingPartitions } from '../partitions.ts';
import { withSystem } from '../tenancy.ts';

export { startTcpProxy } from './tcp-proxy.ts';
export type { TcpProxy, TcpProxyOptions } from './tcp-proxy.ts';

/** The engines every database test runs on. */
export const TEST_ENGINES = ['pglite', 'postgres'] as const;
export type TestEngine = (typeof TEST_ENGINES)[number];

/**
 * The PostgreSQL server of the tests: a database the tests connect to in order to
 * create (and drop) a database of their own. CI has PostgreSQL 15 at this address.
 */
export const TEST_POSTGRES_URL = process.env.VIGIL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database of its own for one test file. */
export interface TestDatabase {
  db: Db;
  engine: TestEngine;
  /** PostgreSQL only: the URL of the test's own database. */
  url?: string;
  /** Closes the handle and, on PostgreSQL, drops the test's database. */
  close(): Promise<void>;
}

async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL.replace(/\/\/[^@/]*@/, '//…@')} ` +
        `(${err instanceof Error ? err.message : String(err)}): the database tests run on PostgreSQL >= 15 ` +
        'there as well as on PGlite (CI has it); start it, or set VIGIL_TEST_DATABASE_URL',
      { cause: err },
    );
  }
  return client;
}

/**
 * Opens a fresh database for a test file: PGlite in memory, or a new PostgreSQL
 * database `vigil_test_<random>` created through {@link TEST_POSTGRES_URL} and dropped
 * by `close()`, so runs never see each other's rows. Migrated, with findings
 * partitions from last month to next month, unless `migrate` is false.
 */
export async function createTestDatabase(
  engine: TestEngine,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let result: TestDatabase;
  if (engine === 'pglite') {
    const db = await createDatabase();
    result = { db, engine, close: () => db.destroy() };
  } else {
    const name = `vigil_test_${randomBytes(6).toString('hex')}`;
    const admin = await adminClient();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    const db = await createDatabase({ url: url.toString(), poolSize: 4 });
    result = {
      db,
      engine,
      url: url.toString(),
      close: async () => {
        await db.destroy();
        const client = await adminClient();
        try {
          await client.query(`drop database if exists ${name} with (force)`);
        } finally {
          await client.end();
        }
      },
    };
  }
  if (options.migrate !== false) {
    try {
      await migrate(result.db);
      const now = new Date();
      await ensureFindingPartitions(result.db, {
        from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
        monthsAhead: 2,
      });
    } catch (err) {
      await result.close();
      throw err;
    }
  }
  return result;
}

/** A tenant with an owner and one AWS account, created on the system path. */
export interface SeededTenant {
  tenantId: string;
  userId: string;
  providerId: string;
  accountId: string;
}

/** Creates a tenant, its owner and an AWS provider (account id random unless given). */
export async function seedTenant(db: Db, name: string, accountId?: string): Promise<SeededTenant> {
  return withSystem(db, async (trx) => {
    const tenant = await trx.insertInto('tenants').values({ name }).returning('id').executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('users')
      .values({ email: `owner-${randomBytes(4).toString('hex')}@${name.toLowerCase().replace(/\W/g, '')}.test` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('memberships').values({ tenant_id: tenant.id, user_id: user.id, role: 'owner' }).execute();
    const account = accountId ?? String(100000000000 + Math.floor(Math.random() * 899999999999));
    const provider = await trx
      .insertInto('providers')
      .values({
        tenant_id: tenant.id,
        kind: 'aws',
        account_id: account,
        auth_method: 'role',
        role_arn: `arn:aws:iam::${account}:role/vigil`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { tenantId: tenant.id, userId: user.id, providerId: provider.id, accountId: account };
  });
}

const SERVICES = ['s3', 'iam', 'ec2', 'rds', 'kms'] as const;
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
const SEVERITY_CYCLE: Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];
const STATUS_CYCLE: Status[] = ['FAIL', 'PASS', 'PASS', 'MANUAL', 'ERROR'];

/**
 * A deterministic engine finding number `i` of an account: the same `i` gives the
 * same finding id, so two scans built from the same numbers report the same findings.
 */
export function makeFinding(i: number, account: string, overrides: Partial<Finding> = {}): Finding {
  const service = SERVICES[i % SERVICES.length] ?? 's3';
  const region = REGIONS[i % REGIONS.length] ?? 'us-east-1';
  const checkId = `aws_${service}_check_${i % 40}`;
  const severity = SEVERITY_CYCLE[i % SEVERITY_CYCLE.length] ?? 'low';
  const resourceId = `arn:aws:${service}:${region}:${account}:thing/resource-${Math.floor(i / 40)}`;
  return {
    id: `f-${account}-${i}`,
    checkId,
    status: STATUS_CYCLE[i % STATUS_CYCLE.length] ?? 'PASS',
    message: `Resource resource-${Math.floor(i / 40)} evaluated by ${checkId}.`,
    severity,
    check: {
      id: checkId,
      provider: 'aws',
      service,
      title: `Check ${checkId}`,
      severity,
      resourceType: 'AwsThing',
      categories: [],
      description: 'A test check.',
      risk: 'None.',
      remediation: { recommendation: 'None.' },
    },
    provider: 'aws',
    account,
    region,
    resource: { id: resourceId, name: `resource-${Math.floor(i / 40)}`, type: 'AwsThing', region, tags: {} },
    compliance: { cis_3_0_aws: [`${(i % 5) + 1}.${i % 7}`] },
    muted: false,
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}
