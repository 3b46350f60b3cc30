import { awsChecks, awsCollectors } from '@vigil/aws';
import type { AwsCollector } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import { UsageError, didYouMean, planScan, selectChecks } from '@vigil/engine';
import type { Check, ScanPlan } from '@vigil/engine';
import type { ScanScopeInput } from './scans.schemas.ts';

/** The checks and collection plan of a scan scope, resolved against the catalogue. */
export interface ResolvedScope {
  checks: Check[];
  plan: ScanPlan<AwsCollector>;
}

/**
 * Resolves a scope exactly like the CLI resolves its filters. Unknown checks, services
 * or frameworks are usage errors with the engine's suggestion.
 *
 * @throws UsageError
 */
export function resolveScope(scope: ScanScopeInput, catalogue: readonly Check[] = awsChecks): ResolvedScope {
  const ids = scope.compliance ?? [];
  const fws = ids.map((id) => {
    const fw = frameworks.find((f) => f.id === id);
    if (!fw) {
      const known = frameworks.map((f) => f.id);
      throw new UsageError(`Unknown compliance framework "${id}".${didYouMean(id, known)} Known: ${known.join(', ')}`);
    }
    return fw;
  });
  const complianceChecks = fws.length ? new Set(fws.flatMap((f) => f.requirements.flatMap((r) => r.checks))) : undefined;
  const available = new Set(catalogue.map((c) => c.id));
  for (const id of scope.checks ?? []) {
    if (!available.has(id) && awsChecks.some((c) => c.id === id)) {
      throw new UsageError(`Check "${id}" is disabled in this tenant: enable it with PATCH /api/v1/checks/${id} {"disabled": false}.`);
    }
  }
  const checks = selectChecks(catalogue, { checks: scope.checks, services: scope.services, severities: scope.severities, complianceChecks });
  if (checks.length === 0) throw new UsageError('No checks match the scope: widen its services, checks, severities or compliance.');
  return { checks, plan: planScan(checks, awsCollectors) };
}

/**
 * The tenant's catalogue: built-in checks with its overrides applied (disabled ones left
 * out, severities replaced) plus its enabled custom checks.
 */
export function tenantCatalogue(overrides: ReadonlyMap<string, { disabled: boolean; severity: string | null }>, custom: readonly Check[]): Check[] {
  const builtIn = awsChecks.flatMap((c) => {
    const o = overrides.get(c.id);
    if (o?.disabled) return [];
    return o?.severity ? [{ ...c, severity: o.severity as Check['severity'] }] : [c];
  });
  return [...builtIn, ...custom];
}

/** A scope that looks at the whole account: only such a scan may resolve the findings it no longer sees. */
export function isFullScope(scope: ScanScopeInput): boolean {
  return !scope.regions?.length && !scope.services?.length && !scope.checks?.length && !scope.severities?.length && !scope.compliance?.length;
}
