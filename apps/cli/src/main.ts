import { Command, CommanderError, Option } from 'commander';
import { VigilError } from '@vigil/engine';
import { checksList, complianceList, complianceShow } from './commands/catalog.ts';
import { registerDevCommands } from './commands/dev-seed.ts';
import { dbMigrate, serve } from './commands/serve.ts';
import type { ScanAwsOptions } from './commands/scan-aws.ts';
import { scanAws } from './commands/scan-aws.ts';
import { worker } from './commands/worker.ts';
import type { Io } from './io.ts';
import { processIo } from './io.ts';
import { VERSION } from './version.ts';

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new CommanderError(2, 'vigil.invalidArgument', `${name} must be a positive integer, got "${v}"`);
  return n;
};

/** Builds the `vigil` command. Actions store their exit code in `result.code`. */
export function buildProgram(io: Io, result: { code: number }): Command {
  const program = new Command('vigil')
    .description('Vigil: cloud security posture scanner. Finds misconfigurations, explains them and says how to fix them.')
    .version(VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  const scan = program.command('scan').description('Scan a cloud provider').exitOverride();
  scan
    .command('aws')
    .description(
      'Scan an AWS account with the selected checks. Exit codes: 0 no unmuted FAIL, 3 unmuted FAIL (unless --ignore-exit-code-3), 1 error, 2 usage.',
    )
    .option('-f, --region <regions...>', 'regions to scan (default: every region enabled for the account)')
    .option('--excluded-region <regions...>', 'regions not to scan')
    .option('-s, --services <services...>', 'only checks of these services')
    .option('--excluded-services <services...>', 'skip checks of these services')
    .option('-c, --checks <checks...>', 'only these check ids')
    .option('-e, --excluded-checks <checks...>', 'skip these check ids')
    .option('--severity <severities...>', 'only checks of these severities (critical high medium low informational)')
    .option('--compliance <frameworks...>', 'only checks of these frameworks, plus a per-framework report (e.g. cis_4.0_aws)')
    .option('--categories <categories...>', 'only checks in these categories')
    .option('-M, --output-formats <formats...>', 'report formats: csv json-ocsf json-asff html', ['csv', 'json-ocsf', 'html'])
    .option('-o, --output-directory <dir>', 'directory for reports', 'output')
    .option('-F, --output-filename <name>', 'report file name without extension (default vigil-<account>-<timestamp>)')
    .option('-w, --mutelist-file <file>', 'mutelist YAML (Prowler format): muted findings keep their status and are marked muted')
    .option('-p, --profile <name>', 'AWS profile from the shared config/credentials files')
    .option('-R, --role <arn>', 'IAM role ARN to assume for the scan')
    .option('-I, --external-id <id>', 'external id for --role')
    .option('-T, --session-duration <seconds>', 'assumed-role session duration (900-43200)', positiveInt('--session-duration'))
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (AWS-compatible emulators); also AWS_ENDPOINT_URL')
    .option('--organization-role <name>', 'scan every active account of the organization: assume this role (e.g. OrganizationAccountAccessRole) in each member')
    .option('--organization-external-id <id>', 'external id for --organization-role')
    .option('--organization-accounts <ids...>', 'with --organization-role: only these account ids')
    .option('-z, --ignore-exit-code-3', 'exit 0 even when there are unmuted failures')
    .option('-b, --no-banner', 'do not print the banner')
    .option('--plan', 'print the API calls and the least-privilege IAM policy for the selected checks, without calling AWS')
    .option('--save-inventory <file>', 'save the collected resources (JSON; gzip when the name ends in .gz)')
    .option('--from-inventory <file>', 'evaluate a saved inventory instead of calling AWS')
    .option('-q, --quiet', 'no progress or banner (with --plan: print only the policy JSON)')
    .addOption(new Option('--now <iso>', 'scan time (for reproducible reports)').hideHelp())
    .exitOverride()
    .action(async (opts: ScanAwsOptions & { now?: string }) => {
      const now = opts.now ? new Date(opts.now) : undefined;
      const outcome = await scanAws({ ...opts, now }, io);
      result.code = outcome.exitCode;
    });

  const checks = program.command('checks').description('The check catalogue').exitOverride();
  checks
    .command('list')
    .description('List checks')
    .option('--provider <provider>', 'provider (aws)')
    .option('-s, --services <services...>', 'only these services')
    .option('--severity <severities...>', 'only these severities')
    .option('--compliance <frameworks...>', 'only checks mapped to these frameworks')
    .option('--categories <categories...>', 'only these categories')
    .option('--json', 'JSON output')
    .exitOverride()
    .action((opts) => {
      result.code = checksList(opts, io);
    });

  const compliance = program.command('compliance').description('Compliance frameworks').exitOverride();
  compliance
    .command('list')
    .description('List frameworks')
    .option('--json', 'JSON output')
    .exitOverride()
    .action((opts: { json?: boolean }) => {
      result.code = complianceList(io, opts.json);
    });
  compliance
    .command('show')
    .description('Show the requirements of a framework and the checks behind each')
    .argument('<framework>', 'framework id, e.g. cis_4.0_aws')
    .option('--json', 'JSON output')
    .exitOverride()
    .action((id: string, opts: { json?: boolean }) => {
      result.code = complianceShow(id, io, opts.json);
    });
  program
    .command('serve')
    .description('Run the Vigil API and an in-process worker (embedded database unless DATABASE_URL is set; with REDIS_URL, scans go to `vigil worker` processes instead)')
    .option('--port <port>', 'port to listen on', positiveInt('--port'), Number(process.env.PORT) || 8080)
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--data-dir <dir>', 'data directory: embedded database and generated keys (default $XDG_DATA_HOME/vigil)')
    .option(
      '--retention-months <n>',
      'drop monthly findings partitions wholly older than this many months, and the event-driven scans older than that, at start and daily (default VIGIL_FINDINGS_RETENTION_MONTHS, else keep everything)',
      positiveInt('--retention-months'),
    )
    .exitOverride()
    .action(async (opts: { port: number; host: string; dataDir?: string; retentionMonths?: number }) => {
      result.code = await serve(opts, io);
    });

  program
    .command('worker')
    .description(
      "Run scans from the Redis queue (REDIS_URL) against the API's PostgreSQL database (DATABASE_URL); start as many as needed. " +
        'VIGIL_WORKER_LOCK_MS / VIGIL_WORKER_STALLED_MS (ms, default 30000): how soon a dead worker\'s jobs are taken over.',
    )
    .option('--concurrency <n>', 'jobs (units of accounts: one service in one region) run at once by this process', positiveInt('--concurrency'), 16)
    .option('--data-dir <dir>', 'the server\'s data directory, for its secrets.key when VIGIL_SECRETS_KEY is not set')
    .exitOverride()
    .action(async (opts: { concurrency: number; dataDir?: string }) => {
      result.code = await worker(opts, io);
    });

  const db = program.command('db').description('Database maintenance').exitOverride();
  db.command('migrate')
    .description('Apply the database migrations (DATABASE_URL, or the embedded database in the data directory)')
    .option('--data-dir <dir>', 'data directory of the embedded database (default $XDG_DATA_HOME/vigil)')
    .exitOverride()
    .action(async (opts: { dataDir?: string }) => {
      result.code = await dbMigrate(opts, io);
    });
  registerDevCommands(program, io, result);
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 error, 2 usage, 3 unmuted failures. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const result = { code: 0 };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'vigil.invalidArgument') io.err(`error: ${err.message}\n`);
      return 2;
    }
    if (err instanceof VigilError) {
      io.err(`vigil: ${err.message}\n`);
      return err.exitCode;
    }
    io.err(`vigil: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
