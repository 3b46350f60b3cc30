import { CommanderError, Option } from 'commander';
import type { Command } from 'commander';
import type { Io } from '../io.ts';

/** Options of `vigil dev seed`, as parsed and range-checked by commander. */
export interface DevSeedOptions {
  tenant: string;
  findings: number;
  resources: number;
  batch: number;
  providers: number;
  scans: number;
  seed: number;
  dataDir?: string;
  now?: string;
}

const integer = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new CommanderError(
      2,
      'vigil.invalidArgument',
      `${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got "${v}"`,
    );
  }
  return n;
};

/**
 * Registers `vigil dev` and `vigil dev seed` on the program. The seeder itself (and the
 * database drivers) load only when the command runs.
 */
export function registerDevCommands(program: Command, io: Io, result: { code: number }): void {
  const dev = program.command('dev').description('Developer tools (never point them at production data)').exitOverride();
  dev
    .command('seed')
    .description(
      'Fill a tenant with realistic dummy data at scale: AWS accounts, completed scans (one a day per account, the last one now), ' +
        'resources shaped like the collectors\' (ARNs, types, regions) and findings of real checks with their severities and compliance. ' +
        'Deterministic for a given --seed. Writes to DATABASE_URL, or to the embedded database in the data directory (stop `vigil serve` first). ' +
        'A --tenant slug that no tenant has creates the tenant with an owner whose generated password is printed once. ' +
        'Exit codes: 0 done, 1 error, 2 usage.',
    )
    .requiredOption('--tenant <slug-or-id>', 'tenant id, or slug of its name (a new slug creates the tenant)')
    .option('--findings <n>', 'findings in all, spread evenly over every scan', integer('--findings', 0, 1_000_000_000), 10_000)
    .option('--resources <n>', 'resources in all, spread over the accounts', integer('--resources', 1, 100_000_000), 1_000)
    .option('--batch <n>', 'findings (and resources) stored per batch', integer('--batch', 1, 100_000), 5_000)
    .option('--providers <n>', 'AWS accounts (providers)', integer('--providers', 1, 10_000), 1)
    .option('--scans <n>', 'completed scans per account', integer('--scans', 1, 3_650), 1)
    .option('--seed <n>', 'seed of the generator: the same seed gives the same data', integer('--seed', 0, 2 ** 32 - 1), 1)
    .option('--data-dir <dir>', 'data directory of the embedded database when DATABASE_URL is not set (default $XDG_DATA_HOME/vigil)')
    .addOption(new Option('--now <iso>', 'time of the newest scans (for reproducible data)').hideHelp())
    .exitOverride()
    .action(async (opts: DevSeedOptions) => {
      if (opts.resources < opts.providers) {
        throw new CommanderError(2, 'vigil.invalidArgument', `--resources (${opts.resources}) must be at least --providers (${opts.providers}): every account needs resources`);
      }
      if (opts.providers * opts.scans > 1_000_000) {
        throw new CommanderError(2, 'vigil.invalidArgument', `--providers × --scans must be at most 1,000,000 scans, got ${(opts.providers * opts.scans).toLocaleString('en-US')}`);
      }
      if (opts.now !== undefined && Number.isNaN(new Date(opts.now).getTime())) {
        throw new CommanderError(2, 'vigil.invalidArgument', `--now must be an ISO 8601 time, got "${opts.now}"`);
      }
      const { devSeed } = await import('../seed/run.ts');
      result.code = await devSeed(opts, io);
    });
}
