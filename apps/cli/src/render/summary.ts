import type { Finding, RequirementResult, Framework, ScanStats, ScanSummary, Severity } from '@vigil/engine';
import { SEVERITIES } from '@vigil/engine';
import pc from 'picocolors';
import { table } from './table.ts';

const HIGH: ReadonlySet<Severity> = new Set(['critical', 'high']);
const MAX_HIGH_CHECKS = 15;

/** One scanned account in the summary of a scan of several accounts. */
export interface AccountLine {
  account: string;
  name?: string;
  /** Why the account could not be scanned (e.g. the member role could not be assumed). */
  error?: { code: string; message: string };
}

interface ServiceTally {
  fail: Record<Severity, number>;
  pass: number;
  evaluated: number;
}

/** Collects what the terminal summary needs while findings stream past (no finding list kept). */
export class SummaryCollector {
  private readonly services = new Map<string, ServiceTally>();
  private readonly errorCauses = new Map<string, { count: number; example: string }>();
  private readonly highFailures = new Map<string, { finding: Finding; resources: string[]; count: number }>();
  private readonly accounts = new Map<string, { FAIL: number; PASS: number; ERROR: number; MANUAL: number }>();
  unmutedFails = 0;

  add(f: Finding): void {
    let a = this.accounts.get(f.account);
    if (!a) this.accounts.set(f.account, (a = { FAIL: 0, PASS: 0, ERROR: 0, MANUAL: 0 }));
    if (f.status !== 'FAIL' || !f.muted) a[f.status]++;
    let s = this.services.get(f.check.service);
    if (!s) {
      s = { fail: { critical: 0, high: 0, medium: 0, low: 0, informational: 0 }, pass: 0, evaluated: 0 };
      this.services.set(f.check.service, s);
    }
    if (f.status === 'PASS' || f.status === 'FAIL') s.evaluated++;
    if (f.status === 'PASS') s.pass++;
    if (f.status === 'FAIL' && !f.muted) {
      s.fail[f.severity]++;
      this.unmutedFails++;
      if (HIGH.has(f.severity)) {
        const h = this.highFailures.get(f.checkId) ?? { finding: f, resources: [], count: 0 };
        h.count++;
        if (h.resources.length < 3) h.resources.push(f.resource.name);
        this.highFailures.set(f.checkId, h);
      }
    }
    if (f.status === 'ERROR') {
      const key = `${f.errorCode ?? 'UnknownError'} · ${f.check.service}`;
      const e = this.errorCauses.get(key) ?? { count: 0, example: f.message };
      e.count++;
      this.errorCauses.set(key, e);
    }
  }

  render(o: {
    summary: ScanSummary;
    /** The regions the scan covered (global services aside). */
    regions: readonly string[];
    stats: ScanStats;
    files: string[];
    compliance: { framework: Framework; results: RequirementResult[] }[];
    color: boolean;
    /** Scans of several accounts: one line per account, unreachable ones as ERROR with the reason. */
    accounts?: readonly AccountLine[];
  }): string {
    const c = o.color ? pc : pc.createColors(false);
    const sevColor: Record<Severity, (s: string) => string> = {
      critical: c.magenta,
      high: c.red,
      medium: c.yellow,
      low: c.cyan,
      informational: c.blue,
    };
    const out: string[] = [];
    const { byStatus } = o.summary;
    const total = byStatus.PASS + byStatus.FAIL + byStatus.MANUAL + byStatus.ERROR;
    const evaluated = byStatus.PASS + byStatus.FAIL;
    const passRate = evaluated ? ((100 * byStatus.PASS) / evaluated).toFixed(1) : '—';
    out.push(
      c.bold(`\nScan of ${o.summary.accounts.length > 5 ? `${o.summary.accounts.length} accounts` : o.summary.accounts.join(', ')}`) +
        ` · ${o.regions.length} region${o.regions.length === 1 ? '' : 's'} · ${(o.summary.durationMs / 1000).toFixed(1)}s · ${o.stats.apiCalls} API calls` +
        (o.stats.throttles ? ` · ${o.stats.throttles} throttled` : '') +
        '\n',
    );
    out.push(
      `${total} findings: ${c.red(`${byStatus.FAIL} FAIL`)}, ${c.green(`${byStatus.PASS} PASS`)}, ` +
        `${c.yellow(`${byStatus.ERROR} ERROR`)}, ${byStatus.MANUAL} MANUAL` +
        (o.summary.mutedCount ? `, ${o.summary.mutedCount} muted` : '') +
        ` · pass rate ${passRate}%\n\n`,
    );

    if (o.accounts?.length) {
      const failed = o.accounts.filter((a) => a.error);
      out.push(c.bold(`Accounts (${o.accounts.length - failed.length} scanned${failed.length ? `, ${failed.length} not reached` : ''})\n`));
      const rows = o.accounts.map((a) => {
        const n = this.accounts.get(a.account) ?? { FAIL: 0, PASS: 0, ERROR: 0, MANUAL: 0 };
        return [a.account, a.name ?? '', a.error ? c.yellow('ERROR') : c.green('OK'), n.FAIL, n.PASS, n.ERROR];
      });
      out.push(table(['account', 'name', 'status', 'fail', 'pass', 'error'], rows));
      for (const a of failed) out.push(`  ${c.yellow('ERROR')} ${a.account}: ${a.error?.code} · ${a.error?.message}\n`);
      out.push('\n');
    }

    const services = [...this.services.entries()].sort((a, b) => a[0].localeCompare(b[0]));
    if (services.length) {
      out.push(c.bold('Failed findings by service and severity\n'));
      const rows = services.map(([name, s]) => [
        name,
        ...SEVERITIES.map((sev) => (s.fail[sev] ? sevColor[sev](String(s.fail[sev])) : '0')),
        s.evaluated ? `${((100 * s.pass) / s.evaluated).toFixed(0)}%` : '—',
      ]);
      out.push(table(['service', ...SEVERITIES.map((s) => (s === 'informational' ? 'info' : s)), 'pass rate'], rows));
      out.push('\n');
    }

    if (byStatus.ERROR > 0) {
      out.push(c.bold(c.yellow(`${byStatus.ERROR} findings could not be evaluated (ERROR). Most common causes:\n`)));
      const causes = [...this.errorCauses.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 5);
      for (const [cause, { count, example }] of causes) out.push(`  ${count} × ${cause}: ${example}\n`);
      if (causes.some(([k]) => /AccessDenied|Unauthorized|Forbidden/i.test(k))) {
        out.push('  Permissions missing: "vigil scan aws --plan" prints the IAM policy the scan needs.\n');
      }
      out.push('\n');
    }

    const high = [...this.highFailures.values()].sort(
      (a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) || b.count - a.count,
    );
    if (high.length) {
      out.push(c.bold(c.red('High and critical failures\n')));
      for (const h of high.slice(0, MAX_HIGH_CHECKS)) {
        const f = h.finding;
        const more = h.count > h.resources.length ? ` and ${h.count - h.resources.length} more` : '';
        out.push(`${sevColor[f.severity](f.severity.toUpperCase())} ${c.bold(f.checkId)} — ${f.check.title}\n`);
        out.push(`  ${h.count} resource${h.count === 1 ? '' : 's'}: ${h.resources.join(', ')}${more}\n`);
        out.push(`  Fix: ${f.check.remediation.recommendation}\n`);
        if (f.check.remediation.cli) out.push(`  CLI: ${f.check.remediation.cli.split('\n')[0]}\n`);
      }
      if (high.length > MAX_HIGH_CHECKS) out.push(`  … ${high.length - MAX_HIGH_CHECKS} more checks in the reports\n`);
      out.push('\n');
    }

    for (const { framework, results } of o.compliance) {
      const n = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
      for (const r of results) n[r.status]++;
      out.push(c.bold(`Compliance: ${framework.name}\n`));
      out.push(
        `  ${results.length} requirements: ${c.red(`${n.FAIL} FAIL`)}, ${c.green(`${n.PASS} PASS`)}, ${c.yellow(`${n.ERROR} ERROR`)}, ${n.MANUAL} MANUAL\n`,
      );
      const failed = results.filter((r) => r.status === 'FAIL');
      for (const r of failed.slice(0, 20)) out.push(`  ${c.red('FAIL')} ${r.requirement.id} ${r.requirement.title} (${r.counts.FAIL} failing)\n`);
      if (failed.length > 20) out.push(`  … ${failed.length - 20} more in the compliance report\n`);
      out.push('\n');
    }

    if (o.files.length) {
      out.push(c.bold('Reports\n'));
      for (const f of o.files) out.push(`  ${f}\n`);
    }
    return out.join('');
  }
}
