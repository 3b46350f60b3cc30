import type {
  Check,
  Finding,
  Framework,
  Inventory,
  OutputFormat,
  PlannedCollector,
  Resource,
  ScanEvent,
  ScanSummary,
  ScanUnit,
  UnitFailureRecord,
} from '@vigil/engine';
import {
  CredentialsError,
  INVENTORY_VERSION,
  Mutelist,
  OUTPUT_FORMATS,
  ReportWriter,
  UsageError,
  VigilError,
  complianceIndex,
  errorCode,
  errorMessage,
  didYouMean,
  inventoryUnits,
  leastPrivilegePolicy,
  loadInventory,
  planScan,
  redactResource,
  runScan,
  saveInventory,
  selectChecks,
} from '@vigil/engine';
import type { AwsCollector, AwsTarget, OrganizationMemberFailure, OrganizationMemberSession } from '@vigil/aws';
import {
  AWS_BASE_ACTIONS,
  ORGANIZATION_ACTIONS,
  awsChecks,
  awsCollectors,
  awsRateFor,
  awsScanUnits,
  chooseRegions,
  isCredentialFailure,
  organizationMemberSessions,
  regionSkipReason,
  resolveAwsSession,
} from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import type { Io } from '../io.ts';
import { Progress } from '../render/progress.ts';
import { SummaryCollector } from '../render/summary.ts';
import type { AccountLine } from '../render/summary.ts';
import { PRODUCT } from '../version.ts';

const NONE: ReadonlySet<string> = new Set();

export interface ScanAwsOptions {
  region?: string[];
  excludedRegion?: string[];
  services?: string[];
  excludedServices?: string[];
  checks?: string[];
  excludedChecks?: string[];
  severity?: string[];
  compliance?: string[];
  categories?: string[];
  outputFormats?: string[];
  outputDirectory?: string;
  outputFilename?: string;
  mutelistFile?: string;
  profile?: string;
  role?: string;
  externalId?: string;
  sessionDuration?: number;
  endpointUrl?: string;
  /** Scan every active account of the organization by assuming this role in each member. */
  organizationRole?: string;
  organizationExternalId?: string;
  /** Only these accounts of the organization. */
  organizationAccounts?: string[];
  /** Member accounts assumed at once. */
  organizationConcurrency?: number;
  ignoreExitCode3?: boolean;
  banner?: boolean;
  plan?: boolean;
  saveInventory?: string;
  fromInventory?: string;
  quiet?: boolean;
  /** Fixed scan time (tests). */
  now?: Date;
}

/** Splits `a,b c` style lists given either as repeated values or comma-separated. */
export function splitList(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

export function resolveFrameworks(ids: readonly string[] | undefined): Framework[] {
  return (ids ?? []).map((id) => {
    const fw = frameworks.find((f) => f.id === id);
    if (!fw) {
      const known = frameworks.map((f) => f.id);
      throw new UsageError(`Unknown compliance framework "${id}".${didYouMean(id, known)} Known: ${known.join(', ')}`);
    }
    return fw;
  });
}

function resolveFormats(values: readonly string[] | undefined): OutputFormat[] {
  const list = splitList(values) ?? ['csv', 'json-ocsf', 'html'];
  for (const f of list) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(`Unknown output format "${f}".${didYouMean(f, OUTPUT_FORMATS)} Use: ${OUTPUT_FORMATS.join(', ')}`);
    }
  }
  return list as OutputFormat[];
}

function timestampForFile(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '').slice(0, 14);
}

/** Selected checks and the plan for them, from the command-line filters. */
export function planFromOptions(o: ScanAwsOptions, alsoWant: readonly string[] = []) {
  const fws = resolveFrameworks(splitList(o.compliance));
  const complianceChecks = fws.length ? new Set(fws.flatMap((f) => f.requirements.flatMap((r) => r.checks))) : undefined;
  const checks = selectChecks(awsChecks, {
    checks: splitList(o.checks),
    excludedChecks: splitList(o.excludedChecks),
    services: splitList(o.services),
    excludedServices: splitList(o.excludedServices),
    severities: splitList(o.severity),
    categories: splitList(o.categories),
    complianceChecks,
  });
  if (checks.length === 0) {
    throw new UsageError('No checks match the given filters. List them with: vigil checks list');
  }
  return { frameworks: fws, checks, plan: planScan(checks, awsCollectors, { alsoWant }) };
}

function printPlan(io: Io, o: ScanAwsOptions, checks: Check[], plan: ReturnType<typeof planScan<AwsCollector>>): void {
  const policy = leastPrivilegePolicy(plan, o.organizationRole ? [...AWS_BASE_ACTIONS, ...ORGANIZATION_ACTIONS] : AWS_BASE_ACTIONS);
  if (o.quiet) {
    io.out(JSON.stringify(policy, null, 2) + '\n');
    return;
  }
  const regions = splitList(o.region);
  io.out(
    `Plan: ${checks.length} checks, ${plan.collectors.length} collectors, ` +
      `${regions ? `regions ${regions.join(' ')}` : 'every enabled region'}. No AWS call was made.\n\n`,
  );
  io.out('API calls (per account; regional ones in every region):\n');
  io.out(`  sts    GetCallerIdentity            sts:GetCallerIdentity    once\n`);
  io.out(`  ec2    DescribeRegions              ec2:DescribeRegions      once\n`);
  if (o.organizationRole) {
    io.out(`  organizations ListAccounts           organizations:ListAccounts  once, from the management account\n`);
    io.out(`  sts    AssumeRole                   sts:AssumeRole           once per member account (role ${o.organizationRole})\n`);
  }
  for (const p of plan.collectors) {
    const scope = p.collector.scope === 'global' ? 'once' : 'per region';
    for (const call of p.calls) {
      io.out(`  ${p.collector.service.padEnd(6)} ${call.api.padEnd(28)} ${call.action.padEnd(24)} ${scope} (${p.collector.resourceType})\n`);
    }
  }
  io.out('\nLeast-privilege IAM policy for exactly these calls:\n');
  io.out(JSON.stringify(policy, null, 2) + '\n');
}

/** The error a collector would meet in an account that could not be reached (its SDK code and message). */
class UnreachableAccountError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/**
 * One failing unit per collector for each account that could not be reached: the engine then
 * reports every check of that account as ERROR with the reason, in the summary and the reports,
 * exactly like any other collection failure.
 */
export function unreachableUnits(planned: readonly PlannedCollector<AwsCollector>[], failures: readonly OrganizationMemberFailure[]): ScanUnit[] {
  return failures.flatMap((f) =>
    planned.map((p) => ({
      id: `${f.account}/global/${p.collector.id}`,
      provider: 'aws',
      account: f.account,
      region: 'global',
      service: p.collector.service,
      resourceType: p.collector.resourceType,
      // eslint-disable-next-line require-yield
      run: async function* (): AsyncGenerator<Resource> {
        throw new UnreachableAccountError(f.code, f.message);
      },
    })),
  );
}

export interface ScanOutcome {
  exitCode: number;
  files: string[];
  summary?: ScanSummary;
}

/** `vigil scan aws`: plan, collect (or load an inventory), evaluate, report. */
export async function scanAws(o: ScanAwsOptions, io: Io): Promise<ScanOutcome> {
  const formats = resolveFormats(o.outputFormats);
  // Read the mutelist first: a bad file fails before any AWS call, and tag rules need tags.
  const mutelist = o.mutelistFile ? await Mutelist.load(o.mutelistFile) : undefined;
  const { frameworks: fws, checks, plan } = planFromOptions(o, mutelist?.usesTags() ? ['tags'] : []);
  if (o.plan) {
    printPlan(io, o, checks, plan);
    return { exitCode: 0, files: [] };
  }
  if (o.fromInventory && (o.profile || o.role || o.endpointUrl || o.organizationRole)) {
    throw new UsageError('--from-inventory evaluates a saved inventory without calling AWS; drop --profile, --role, --endpoint-url and --organization-role.');
  }
  if (!o.organizationRole && (o.organizationExternalId || o.organizationAccounts)) {
    throw new UsageError('--organization-external-id and --organization-accounts apply to an organization scan: add --organization-role NAME.');
  }
  let now = o.now ?? new Date();
  const show = !o.quiet;
  const banner = show && o.banner !== false;

  let units: ScanUnit[];
  let accountLabel: string;
  let homeRegion = 'us-east-1';
  let scannedRegions: string[];
  // Organization scans: accounts that could not be reached, and account names for the summary.
  const accountFailures: OrganizationMemberFailure[] = [];
  const accountNames = new Map<string, string>();
  if (o.fromInventory) {
    const inv = await loadInventory(o.fromInventory);
    // A saved inventory describes the account when it was collected: evaluate it as of then,
    // so key ages and "unused for N days" read the same however late it is evaluated.
    now = o.now ?? new Date(inv.generatedAt);
    const wanted = new Set(plan.collectors.map((p) => p.collector.resourceType));
    units = inventoryUnits(inv, wanted);
    const collected = new Set([...inv.collectedTypes, ...inv.resources.map((r) => r.type), ...inv.failures.map((f) => f.resourceType)]);
    const missing = [...wanted].filter((t) => !collected.has(t));
    if (missing.length && show) {
      io.err(`Note: the inventory holds no ${missing.join(', ')} data; checks on those types produce no findings.\n`);
    }
    // An organization's inventory holds many accounts: keep the file name short.
    accountLabel = (inv.accounts.length > 3 ? `${inv.accounts[0]}-and-${inv.accounts.length - 1}-more` : inv.accounts.join('-')) || 'inventory';
    scannedRegions = inv.regions;
    if (banner) {
      io.err(`Vigil ${PRODUCT.version} · evaluating inventory ${o.fromInventory} (accounts ${inv.accounts.join(', ')}) · ${checks.length} checks\n`);
    }
  } else {
    const { session, identity } = await resolveAwsSession({
      profile: o.profile,
      role: o.role,
      externalId: o.externalId,
      sessionDuration: o.sessionDuration,
      endpointUrl: o.endpointUrl,
    });
    homeRegion = session.homeRegion;
    let members: OrganizationMemberSession[] = [{ session, identity }];
    if (o.organizationRole) {
      const org = await organizationMemberSessions(session, {
        roleName: o.organizationRole,
        externalId: o.organizationExternalId,
        accounts: splitList(o.organizationAccounts),
        concurrency: o.organizationConcurrency,
        sessionDuration: o.sessionDuration,
      });
      members = org.sessions;
      accountFailures.push(...org.failures);
      for (const m of org.sessions) if (m.name) accountNames.set(m.session.account, m.name);
      for (const f of org.failures) if (f.name) accountNames.set(f.account, f.name);
    }
    const targets: AwsTarget[] = [];
    const skippedBy: string[] = [];
    // Every account's regions at once; only the caller's own account stops the scan.
    const choices = await Promise.allSettled(members.map((m) => chooseRegions(m.session, splitList(o.region), splitList(o.excludedRegion))));
    choices.forEach((c, i) => {
      const m = members[i] as OrganizationMemberSession;
      if (c.status === 'rejected') {
        if (m.session.account === identity.account || c.reason instanceof UsageError) throw c.reason;
        accountFailures.push({
          account: m.session.account,
          code: c.reason instanceof VigilError ? c.reason.code : errorCode(c.reason),
          message: errorMessage(c.reason),
        });
        return;
      }
      if (c.value.skipped.length) skippedBy.push(`${c.value.skipped.join(', ')}${members.length > 1 ? ` (${m.session.account})` : ''}`);
      targets.push({ session: m.session, regions: c.value.regions });
    });
    if (skippedBy.length && show) io.err(`Skipping regions not enabled for the account: ${skippedBy.join('; ')}\n`);
    scannedRegions = [...new Set(targets.flatMap((t) => t.regions))].sort();
    if (targets.length && scannedRegions.length === 0 && plan.collectors.some((p) => p.collector.scope === 'regional')) {
      throw new UsageError('No enabled region left to scan. Check --region and --excluded-region.');
    }
    if (targets.length === 0 && accountFailures.length === 0) {
      throw new UsageError('No account of the organization left to scan. Check --organization-accounts.');
    }
    units = [...awsScanUnits(plan.collectors, targets), ...unreachableUnits(plan.collectors, accountFailures)];
    accountLabel = o.organizationRole ? `org-${identity.account}` : identity.account;
    if (banner) {
      const accounts = o.organizationRole
        ? `AWS organization of ${identity.account} as ${identity.arn} · ${targets.length} accounts` +
          (accountFailures.length ? ` (${accountFailures.length} unreachable)` : '') +
          ` via role ${o.organizationRole}`
        : `AWS account ${identity.account} as ${identity.arn}`;
      io.err(
        `Vigil ${PRODUCT.version} · ${accounts} · ${scannedRegions.length} regions · ${checks.length} checks` +
          (o.endpointUrl ? ` · endpoint ${o.endpointUrl}` : '') +
          '\n',
      );
    }
  }

  const writer = new ReportWriter({
    formats,
    directory: o.outputDirectory ?? 'output',
    filename: o.outputFilename ?? `vigil-${accountLabel}-${timestampForFile(o.now ?? new Date())}`,
    product: PRODUCT,
    frameworks: fws,
    homeRegion,
  });
  const summaryCollector = new SummaryCollector();
  const progress = new Progress(io, show);
  const inventory: Resource[] | undefined = o.saveInventory ? [] : undefined;
  const sensitiveByType = new Map(
    plan.collectors.map((p) => [
      p.collector.resourceType,
      new Set(Object.entries(p.collector.attributes).filter(([, spec]) => spec.sensitive).map(([name]) => name)),
    ]),
  );
  const failures: UnitFailureRecord[] = [];
  const unreachable = new Map(accountFailures.map((f) => [f.account, f]));
  // Per-account progress: units left per account (several accounts only).
  const unitAccount = new Map(units.map((u) => [u.id, u.account]));
  const perAccount = new Map<string, { total: number; done: number }>();
  for (const u of units) {
    const a = perAccount.get(u.account) ?? { total: 0, done: 0 };
    a.total++;
    perAccount.set(u.account, a);
  }
  const multiAccount = perAccount.size > 1 || unreachable.size > 0;
  let accountsDone = 0;
  const controller = new AbortController();
  let credentialFailure: { code: string; message: string } | undefined;
  let done: Extract<ScanEvent, { type: 'done' }> | undefined;

  try {
    for await (const e of runScan({
      checks,
      units,
      compliance: complianceIndex(frameworks),
      mute: mutelist ? (f: Finding) => mutelist.match(f) : undefined,
      rateFor: awsRateFor,
      // Accounts have quotas of their own: several accounts are collected side by side.
      ...(perAccount.size > 1 ? { concurrency: Math.min(64, 16 * perAccount.size) } : {}),
      now,
      signal: controller.signal,
      emitResources: Boolean(inventory),
      skipReason: regionSkipReason,
    })) {
      switch (e.type) {
        case 'progress': {
          const account = e.unit ? unitAccount.get(e.unit) : undefined;
          const a = account ? perAccount.get(account) : undefined;
          if (account && a && ++a.done === a.total) {
            accountsDone++;
            if (show && multiAccount && !io.interactive) {
              const name = accountNames.get(account);
              const state = unreachable.has(account) ? 'ERROR (not reached)' : 'done';
              io.err(`Account ${account}${name ? ` (${name})` : ''} ${state} · ${accountsDone}/${perAccount.size} accounts\n`);
            }
          }
          progress.update(e.stats, multiAccount ? { done: accountsDone, total: perAccount.size } : undefined);
          break;
        }
        case 'resource':
          inventory?.push(redactResource(e.resource, sensitiveByType.get(e.resource.type) ?? NONE));
          break;
        case 'finding':
          writer.add(e.finding);
          summaryCollector.add(e.finding);
          break;
        case 'error':
          failures.push({
            provider: e.provider,
            account: e.account,
            region: e.region,
            service: e.service,
            resourceType: e.resourceType,
            code: e.code,
            message: e.message,
          });
          if (isCredentialFailure(e.code) && !credentialFailure && !unreachable.has(e.account)) {
            credentialFailure = { code: e.code, message: e.message };
            controller.abort();
          }
          break;
        case 'warning':
          if (show) {
            progress.stop();
            io.err(`Warning: ${e.message}\n`);
          }
          break;
        case 'skipped':
          break;
        case 'done':
          done = e;
          break;
      }
    }
  } catch (err) {
    progress.stop();
    writer.abort();
    if (credentialFailure) {
      throw new CredentialsError(
        `The AWS credentials stopped working during the scan (${credentialFailure.code}: ${credentialFailure.message}). ` +
          'Refresh them and run the scan again; no report was written.',
      );
    }
    throw err;
  }
  progress.stop();
  if (!done) {
    writer.abort();
    throw new Error('The scan ended without a result.');
  }
  const report = writer.finish(done.summary, now.toISOString());
  const files = [...report.files];
  if (o.saveInventory && inventory) {
    const inv: Inventory = {
      vigilInventory: INVENTORY_VERSION,
      provider: 'aws',
      generatedAt: now.toISOString(),
      accounts: done.summary.accounts,
      regions: scannedRegions,
      collectedTypes: [...new Set(plan.collectors.map((p) => p.collector.resourceType))],
      resources: inventory as Inventory['resources'],
      failures,
    };
    await saveInventory(o.saveInventory, inv);
    files.push(o.saveInventory);
  }
  io.out(
    summaryCollector.render({
      summary: done.summary,
      regions: scannedRegions,
      stats: done.stats,
      files,
      compliance: report.compliance,
      color: io.color,
      ...(multiAccount
        ? {
            accounts: [...perAccount.keys()].sort().map(
              (account): AccountLine => ({
                account,
                ...(accountNames.has(account) ? { name: accountNames.get(account) } : {}),
                ...(unreachable.has(account) ? { error: { code: unreachable.get(account)?.code ?? '', message: unreachable.get(account)?.message ?? '' } } : {}),
              }),
            ),
          }
        : {}),
    }),
  );
  const failed = summaryCollector.unmutedFails > 0;
  return { exitCode: failed && !o.ignoreExitCode3 ? 3 : 0, files, summary: done.summary };
}
