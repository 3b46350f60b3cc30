import { randomBytes } from 'node:crypto';
import { withSystem } from '@vigil/db';
import type { Db } from '@vigil/db';
import { createTestDatabase } from '@vigil/db/testing';
import type { TestEngine } from '@vigil/db/testing';
import { createAccessTokenService, createLocalKeyProvider, hashPassword } from '@vigil/security';
import { buildApp } from '../app.ts';
import type { App, AppDeps, Role } from '../context.ts';
import { createScanWorker } from '../worker/scan-worker.ts';
import type { ScanWorkerOptions } from '../worker/scan-worker.ts';
import { createScanFromService, startScheduler } from '../scheduler/scheduler.ts';
import { createEventProcessor } from '../modules/events/events.processor.ts';
import type { EventProcessor, EventProcessorOptions } from '../modules/events/events.processor.ts';

export { TEST_ENGINES } from '@vigil/db/testing';
export type { TestEngine } from '@vigil/db/testing';

export interface TestApp {
  app: App;
  deps: AppDeps;
  db: Db;
  /** Moves the test clock forward (tokens, expiries). */
  advance(ms: number): void;
  /** The event rescan processor, when `options.events` was given (call `runOnce()`, or `start` it). */
  events?: EventProcessor;
  close(): Promise<void>;
}

/** The API on a fresh database of its own (PGlite or PostgreSQL), with throw-away keys and a controllable clock. */
export async function createTestApp(
  engine: TestEngine,
  at = new Date('2026-11-01T12:00:00Z'),
  options: {
    worker?: Omit<ScanWorkerOptions, 'db' | 'secrets'>;
    /** Runs the scan scheduler (on the test clock) every `intervalMs`; off unless given. */
    scheduler?: { intervalMs: number };
    /** Creates the event rescan processor (not started unless `start`); none unless given. */
    events?: Omit<EventProcessorOptions, 'db' | 'secrets'> & { start?: boolean };
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  let offset = 0;
  const now = () => new Date(at.getTime() + offset);
  const deps: AppDeps = {
    db: database.db,
    secrets: createLocalKeyProvider({ current: randomBytes(32) }),
    tokens: createAccessTokenService({ keys: { current: randomBytes(32) }, now }),
    now,
    logLevel: 'silent',
  };
  deps.scanQueue = createScanWorker({ db: database.db, secrets: deps.secrets, ...options.worker });
  const app = await buildApp(deps);
  await app.ready();
  await deps.scanQueue.start();
  const scheduler = options.scheduler && startScheduler({ db: database.db, now, createScan: createScanFromService(deps), intervalMs: options.scheduler.intervalMs });
  const events = options.events && createEventProcessor({ db: database.db, secrets: deps.secrets, ...options.events });
  if (options.events?.start) events?.start();
  return {
    app,
    deps,
    db: database.db,
    advance: (ms) => void (offset += ms),
    events,
    close: async () => {
      await events?.stop();
      await scheduler?.stop();
      await deps.scanQueue?.stop();
      await app.close();
      await database.close();
    },
  };
}

export interface TestUser {
  tenantId: string;
  userId: string;
  email: string;
  password: string;
  role: Role;
  /** `Authorization` header value with a fresh access token. */
  authorization: string;
}

/**
 * Creates a tenant and a user with `role` directly in the database (the narrow system
 * path), and an access token for them: the starting point of most route tests.
 */
export async function seedUser(t: TestApp, o: { tenantName?: string; role?: Role; tenantId?: string } = {}): Promise<TestUser> {
  const role = o.role ?? 'owner';
  const email = `user-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'correct horse battery staple';
  const passwordHash = await hashPassword(password);
  const ids = await withSystem(t.db, async (trx) => {
    const tenantId =
      o.tenantId ??
      (await trx.insertInto('tenants').values({ name: o.tenantName ?? `Tenant ${randomBytes(3).toString('hex')}` }).returning('id').executeTakeFirstOrThrow()).id;
    const user = await trx.insertInto('users').values({ email, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('memberships').values({ tenant_id: tenantId, user_id: user.id, role }).execute();
    return { tenantId, userId: user.id };
  });
  const { token } = await t.deps.tokens.issue({ userId: ids.userId, tenantId: ids.tenantId, role });
  return { ...ids, email, password, role, authorization: `Bearer ${token}` };
}
