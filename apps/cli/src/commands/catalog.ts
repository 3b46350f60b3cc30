import type { Framework } from '@vigil/engine';
import { UsageError, complianceIndex, didYouMean, selectChecks } from '@vigil/engine';
import { awsChecks } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import type { Io } from '../io.ts';
import { table } from '../render/table.ts';
import { resolveFrameworks, splitList } from './scan-aws.ts';

const PROVIDERS = ['aws'];

export interface ChecksListOptions {
  provider?: string;
  services?: string[];
  severity?: string[];
  compliance?: string[];
  categories?: string[];
  json?: boolean;
}

/** `vigil checks list` */
export function checksList(o: ChecksListOptions, io: Io): number {
  if (o.provider && !PROVIDERS.includes(o.provider)) {
    throw new UsageError(`Unknown provider "${o.provider}".${didYouMean(o.provider, PROVIDERS)} Known: ${PROVIDERS.join(', ')}`);
  }
  const fws = resolveFrameworks(splitList(o.compliance));
  const checks = selectChecks(awsChecks, {
    services: splitList(o.services),
    severities: splitList(o.severity),
    categories: splitList(o.categories),
    complianceChecks: fws.length ? new Set(fws.flatMap((f) => f.requirements.flatMap((r) => r.checks))) : undefined,
  });
  const compliance = complianceIndex(frameworks);
  if (o.json) {
    const list = checks.map((c) => ({
      id: c.id,
      provider: c.provider,
      service: c.service,
      title: c.title,
      severity: c.severity,
      resourceType: c.resourceType,
      categories: c.categories,
      requires: c.requires,
      description: c.description,
      risk: c.risk,
      remediation: c.remediation,
      compliance: compliance(c.id),
    }));
    io.out(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  io.out(table(['check', 'service', 'severity', 'title'], checks.map((c) => [c.id, c.service, c.severity, c.title])));
  io.out(`\n${checks.length} checks\n`);
  return 0;
}

/** `vigil compliance list` */
export function complianceList(io: Io, json = false): number {
  if (json) {
    io.out(
      JSON.stringify(
        frameworks.map((f) => ({ id: f.id, name: f.name, version: f.version, provider: f.provider, requirements: f.requirements.length })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  io.out(
    table(
      ['framework', 'provider', 'requirements', 'automated checks', 'name'],
      frameworks.map((f) => [
        f.id,
        f.provider,
        f.requirements.length,
        new Set(f.requirements.flatMap((r) => r.checks)).size,
        f.name,
      ]),
    ),
  );
  return 0;
}

/** `vigil compliance show <framework>` */
export function complianceShow(id: string, io: Io, json = false): number {
  const [fw] = resolveFrameworks([id]) as [Framework];
  if (json) {
    io.out(JSON.stringify(fw, null, 2) + '\n');
    return 0;
  }
  io.out(`${fw.name} (${fw.id})\n${fw.description}\n\n`);
  io.out(
    table(
      ['requirement', 'assessment', 'checks', 'title'],
      fw.requirements.map((r) => [r.id, r.assessment, r.checks.join(' ') || '—', r.title]),
    ),
  );
  return 0;
}
