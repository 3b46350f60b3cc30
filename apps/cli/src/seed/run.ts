import type { DevSeedOptions } from '../commands/dev-seed.ts';
import type { Io } from '../io.ts';
import { table } from '../render/table.ts';
import { planSeed } from './plan.ts';
import { formatCount, perSecond, SeedProgress } from './progress.ts';
import { storeSeed } from './store.ts';
import { resolveSeedTenant } from './tenant.ts';

/**
 * `vigil dev seed`: plans the data set (arguments that cannot work fail here, exit 2,
 * before the database is opened), opens DATABASE_URL or the embedded database like
 * `vigil serve`, finds or creates the tenant, stores the data with live progress and
 * prints a summary on stdout.
 */
export async function devSeed(o: DevSeedOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = performance.now();
  const now = o.now ? new Date(o.now) : new Date();
  const plan = planSeed({ findings: o.findings, resources: o.resources, providers: o.providers, scans: o.scans, seed: o.seed, now });

  const { defaultDataDir, openDatabase } = await import('@vigil/server');
  const dataDir = o.dataDir ?? env.VIGIL_DATA_DIR ?? defaultDataDir(env);
  const databaseUrl = env.DATABASE_URL || undefined;
  const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${dataDir}`;
  const db = await openDatabase({ dataDir, databaseUrl });
  const progress = new SeedProgress(io);
  try {
    const tenant = await resolveSeedTenant(db, o.tenant);
    io.err(
      `Seeding tenant "${tenant.name}" (${tenant.id}${tenant.created ? ', new' : ''}) in the ${where}: ` +
        `${formatCount(o.providers)} account(s) × ${formatCount(o.scans)} scan(s), ${formatCount(o.resources)} resources, ` +
        `${formatCount(o.findings)} findings, batches of ${formatCount(o.batch)}, seed ${o.seed}\n`,
    );
    const result = await storeSeed(db, tenant.id, plan, o.batch, progress);
    progress.stop();

    const totalMs = performance.now() - started;
    const findings = result.phases.find((p) => p.name === 'findings');
    const rows = result.phases.map((p) => [p.name, formatCount(p.count), (p.ms / 1000).toFixed(2), formatCount(perSecond(p.count, p.ms))]);
    io.out(table(['phase', 'rows', 'seconds', 'rows/s'], rows));
    const mix = ['PASS', 'FAIL', 'MANUAL', 'ERROR'].map((s) => `${s} ${formatCount(result.byStatus[s] ?? 0)}`).join(', ');
    io.out(
      `\nSeeded tenant "${tenant.name}" (${tenant.id}) in ${(totalMs / 1000).toFixed(1)} s: ` +
        `${formatCount(findings?.count ?? 0)} findings at ${formatCount(perSecond(findings?.count ?? 0, findings?.ms ?? 0))} findings/s (${mix}).\n`,
    );
    if (result.reusedProviders > 0) io.out(`${result.reusedProviders} account(s) existed already in the tenant: their new scans were added to them.\n`);
    if (result.partitions.length > 0) io.out(`Findings partitions created: ${result.partitions.join(', ')}.\n`);
    if (tenant.owner) {
      io.out(
        tenant.owner.password
          ? `\nLog in to the new tenant as ${tenant.owner.email} with the password ${tenant.owner.password} (shown once; run \`vigil serve\`, ` +
              'then POST /api/v1/auth/login with {"email", "password"}).\n'
          : `\nThe new tenant's owner is the existing user ${tenant.owner.email}: log in with its password.\n`,
      );
    }
    return 0;
  } finally {
    progress.stop();
    await db.destroy();
  }
}
