import { withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { complianceIndex } from '@vigil/engine';
import type { Check, Framework, Remediation, Severity } from '@vigil/engine';
import { sql } from 'kysely';
import { ApiError, notFound } from '../../errors.ts';
import { listCustomCheckRows, loadCheckOverrides } from './checks.repo.ts';
import type { CheckOverride, CustomCheckRow } from './checks.repo.ts';
import { customCheckProblems, ruleAttributes, validateRule } from './rules.ts';
import type { CustomCheckSpec } from './rules.ts';

/** A check of the tenant's catalogue: built-in or custom, with the tenant's override applied. */
export interface CatalogCheck {
  id: string;
  provider: string;
  service: string;
  title: string;
  severity: Severity;
  defaultSeverity: Severity;
  resourceType: string;
  categories: string[];
  description: string;
  risk: string;
  remediation: Remediation;
  requires: string[];
  compliance: Record<string, string[]>;
  source: 'builtin' | 'custom';
  disabled: boolean;
  custom?: { id: string; rule: unknown; enabled: boolean; createdAt: string; updatedAt: string };
}

export interface CheckFilters {
  provider?: string;
  service?: string;
  severity?: Severity[];
  compliance?: string;
  source?: 'builtin' | 'custom';
}

export type CustomCheckInput = Omit<CustomCheckSpec, 'remediation'> & { remediation: Remediation; enabled?: boolean };
export type CustomCheckPatch = Partial<Omit<CustomCheckInput, 'checkId'>>;

/** At most this many custom checks per tenant: the catalogue is listed in one response. */
export const MAX_CUSTOM_CHECKS = 500;

export interface ChecksServiceDeps {
  db: Db;
  /** The built-in catalogue (`awsChecks`). */
  builtins: readonly Check[];
  frameworks: readonly Framework[];
  /** The resource types the collectors produce: a custom check on another type would never run. */
  resourceTypes: ReadonlySet<string>;
}

function builtinEntry(c: Check, compliance: Record<string, string[]>, o: CheckOverride | undefined): CatalogCheck {
  return {
    id: c.id,
    provider: c.provider,
    service: c.service,
    title: c.title,
    severity: o?.severity ?? c.severity,
    defaultSeverity: c.severity,
    resourceType: c.resourceType,
    categories: [...c.categories],
    description: c.description,
    risk: c.risk,
    remediation: c.remediation,
    requires: [...c.requires],
    compliance,
    source: 'builtin',
    disabled: o?.disabled ?? false,
  };
}

function customEntry(r: CustomCheckRow, o: CheckOverride | undefined): CatalogCheck {
  return {
    id: r.checkId,
    provider: 'aws',
    service: r.service,
    title: r.title,
    severity: o?.severity ?? r.severity,
    defaultSeverity: r.severity,
    resourceType: r.resourceType,
    categories: ['custom'],
    description: r.description,
    risk: r.risk,
    remediation: r.remediation,
    requires: [],
    compliance: {},
    source: 'custom',
    disabled: (o?.disabled ?? false) || !r.enabled,
    custom: { id: r.id, rule: r.rule, enabled: r.enabled, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() },
  };
}

/** The check catalogue of a tenant: built-in checks, overrides and custom checks. */
export function createChecksService(deps: ChecksServiceDeps) {
  const compliance = complianceIndex(deps.frameworks);
  const builtinById = new Map(deps.builtins.map((c) => [c.id, c]));

  function customWithRequires(r: CustomCheckRow, o: CheckOverride | undefined): CatalogCheck {
    const e = customEntry(r, o);
    try {
      e.requires = ruleAttributes(validateRule(r.rule));
    } catch {
      // A stored rule that does not validate lists no attributes; loadCustomChecks reports it.
    }
    return e;
  }

  function merge(rows: CustomCheckRow[], overrides: Map<string, CheckOverride>): CatalogCheck[] {
    return [
      ...deps.builtins.map((c) => builtinEntry(c, compliance(c.id), overrides.get(c.id))),
      ...rows.map((r) => customWithRequires(r, overrides.get(r.checkId))),
    ];
  }

  function assertValid(spec: CustomCheckSpec): void {
    const problems = customCheckProblems(spec);
    if (!deps.resourceTypes.has(spec.resourceType)) {
      problems.push(`resourceType ${spec.resourceType} is not collected by Vigil; use one of ${[...deps.resourceTypes].sort().join(', ')}`);
    }
    if (problems.length > 0) {
      throw new ApiError('VALIDATION', `Custom check ${spec.checkId} is not valid: ${problems.join('; ')}.`, { problems });
    }
  }

  const service = {
    async list(tenantId: string, f: CheckFilters): Promise<CatalogCheck[]> {
      const all = await withTenant(deps.db, tenantId, async (trx) => merge(await listCustomCheckRows(trx), await loadCheckOverrides(trx)));
      return all.filter(
        (c) =>
          (f.provider === undefined || c.provider === f.provider) &&
          (f.service === undefined || c.service === f.service) &&
          (!f.severity?.length || f.severity.includes(c.severity)) &&
          (f.compliance === undefined || f.compliance in c.compliance) &&
          (f.source === undefined || c.source === f.source),
      );
    },

    async get(tenantId: string, checkId: string): Promise<CatalogCheck> {
      return withTenant(deps.db, tenantId, async (trx) => {
        const overrides = await loadCheckOverrides(trx);
        const builtin = builtinById.get(checkId);
        if (builtin) return builtinEntry(builtin, compliance(checkId), overrides.get(checkId));
        const [row] = await listCustomCheckRows(trx, { checkId });
        if (!row) throw notFound('Check', checkId);
        return customWithRequires(row, overrides.get(checkId));
      });
    },

    /** Sets the tenant's override of a check; `severity: null` restores the default. */
    async override(tenantId: string, userId: string | null, checkId: string, patch: { disabled?: boolean; severity?: Severity | null }): Promise<CatalogCheck> {
      await withTenant(deps.db, tenantId, async (trx) => {
        if (!builtinById.has(checkId)) {
          const exists = await trx.selectFrom('custom_checks').select('id').where('check_id', '=', checkId).executeTakeFirst();
          if (!exists) throw notFound('Check', checkId);
        }
        const current = await trx.selectFrom('check_overrides').select(['disabled', 'severity']).where('check_id', '=', checkId).executeTakeFirst();
        const disabled = patch.disabled ?? current?.disabled ?? false;
        const severity = patch.severity !== undefined ? patch.severity : (current?.severity ?? null);
        if (!disabled && severity === null) {
          await trx.deleteFrom('check_overrides').where('check_id', '=', checkId).execute();
          return;
        }
        await trx
          .insertInto('check_overrides')
          .values({ tenant_id: tenantId, check_id: checkId, disabled, severity, updated_by: userId })
          .onConflict((oc) => oc.columns(['tenant_id', 'check_id']).doUpdateSet({ disabled, severity, updated_by: userId, updated_at: sql<Date>`now()` }))
          .execute();
      });
      return service.get(tenantId, checkId);
    },

    async createCustom(tenantId: string, userId: string | null, input: CustomCheckInput): Promise<CatalogCheck> {
      if (builtinById.has(input.checkId)) {
        throw new ApiError('CONFLICT', `Check id ${input.checkId} is a built-in check; choose another id.`, { checkId: input.checkId });
      }
      assertValid(input);
      await withTenant(deps.db, tenantId, async (trx) => {
        const { n } = await trx.selectFrom('custom_checks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        if (Number(n) >= MAX_CUSTOM_CHECKS) {
          throw new ApiError('CONFLICT', `The tenant already has ${MAX_CUSTOM_CHECKS} custom checks, the maximum; delete one first.`);
        }
        const taken = await trx.selectFrom('custom_checks').select('id').where('check_id', '=', input.checkId).executeTakeFirst();
        if (taken) throw new ApiError('CONFLICT', `A custom check ${input.checkId} already exists; update it with PATCH /api/v1/checks/custom/${input.checkId}.`, { checkId: input.checkId });
        await trx
          .insertInto('custom_checks')
          .values({
            tenant_id: tenantId,
            check_id: input.checkId,
            provider: 'aws',
            service: input.service,
            title: input.title,
            description: input.description,
            risk: input.risk,
            severity: input.severity,
            resource_type: input.resourceType,
            rule: JSON.stringify(input.rule),
            remediation: JSON.stringify(input.remediation),
            enabled: input.enabled ?? true,
            created_by: userId,
          })
          .execute();
      });
      return service.get(tenantId, input.checkId);
    },

    async updateCustom(tenantId: string, checkId: string, patch: CustomCheckPatch): Promise<CatalogCheck> {
      await withTenant(deps.db, tenantId, async (trx) => {
        const [row] = await listCustomCheckRows(trx, { checkId });
        if (!row) {
          if (builtinById.has(checkId)) throw new ApiError('CONFLICT', `Check ${checkId} is built in: change its severity or disable it with PATCH /api/v1/checks/${checkId}.`);
          throw notFound('Custom check', checkId);
        }
        const next = { ...row, ...patch };
        assertValid(next);
        await trx
          .updateTable('custom_checks')
          .set({
            service: next.service,
            title: next.title,
            description: next.description,
            risk: next.risk,
            severity: next.severity,
            resource_type: next.resourceType,
            rule: JSON.stringify(next.rule),
            remediation: JSON.stringify(next.remediation),
            enabled: next.enabled,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', row.id)
          .execute();
      });
      return service.get(tenantId, checkId);
    },

    /** Deletes a custom check (and its override); built-in checks cannot be deleted. */
    async deleteCustom(tenantId: string, checkId: string): Promise<void> {
      if (builtinById.has(checkId)) {
        throw new ApiError('CONFLICT', `Check ${checkId} is built in and cannot be deleted; disable it with PATCH /api/v1/checks/${checkId} {"disabled": true}.`, {
          checkId,
        });
      }
      await withTenant(deps.db, tenantId, async (trx) => {
        const r = await trx.deleteFrom('custom_checks').where('check_id', '=', checkId).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) throw notFound('Custom check', checkId);
        await trx.deleteFrom('check_overrides').where('check_id', '=', checkId).execute();
      });
    },
  };
  return service;
}

export type ChecksService = ReturnType<typeof createChecksService>;
