import type { Db, Tx } from '@vigil/db';
import type { Check, Remediation, Severity } from '@vigil/engine';
import { compileCustomCheck } from './rules.ts';
import type { CustomCheckSpec } from './rules.ts';

type Trx = Db | Tx;

/** A stored custom check, in API terms. */
export interface CustomCheckRow extends CustomCheckSpec {
  id: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A tenant's override of a check's defaults. */
export interface CheckOverride {
  disabled: boolean;
  severity: Severity | null;
}

export async function listCustomCheckRows(trx: Trx, o: { checkId?: string; enabledOnly?: boolean } = {}): Promise<CustomCheckRow[]> {
  let q = trx.selectFrom('custom_checks').selectAll().orderBy('check_id');
  if (o.checkId !== undefined) q = q.where('check_id', '=', o.checkId);
  if (o.enabledOnly) q = q.where('enabled', '=', true);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    checkId: r.check_id,
    service: r.service,
    title: r.title,
    severity: r.severity,
    resourceType: r.resource_type,
    description: r.description,
    risk: r.risk,
    remediation: r.remediation as unknown as Remediation,
    rule: r.rule,
    enabled: r.enabled,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** The tenant's overrides by check id. */
export async function loadCheckOverrides(trx: Trx): Promise<Map<string, CheckOverride>> {
  const rows = await trx.selectFrom('check_overrides').select(['check_id', 'disabled', 'severity']).execute();
  return new Map(rows.map((r) => [r.check_id, { disabled: r.disabled, severity: r.severity }]));
}

/**
 * The tenant's enabled custom checks, compiled to engine checks that a scan runs
 * exactly like built-in ones, with the tenant's overrides applied (a check disabled by
 * an override is left out; a severity override replaces the check's severity). Call it
 * inside the tenant's transaction (`withTenant`).
 *
 * @throws RuleError if a stored rule no longer compiles (rules are validated on save,
 *   so this means the stored row was changed outside the API).
 */
export async function loadCustomChecks(trx: Trx): Promise<Check[]> {
  const rows = await listCustomCheckRows(trx, { enabledOnly: true });
  const overrides = await loadCheckOverrides(trx);
  const out: Check[] = [];
  for (const row of rows) {
    const o = overrides.get(row.checkId);
    if (o?.disabled) continue;
    out.push(compileCustomCheck({ ...row, severity: o?.severity ?? row.severity }));
  }
  return out;
}
