import { describe, expect, it } from 'vitest';
import type { Check, CheckContext } from '../check.ts';
import { resolveCheckOptions } from '../check.ts';
import { RelatedAccess, evaluateCheck, memoizer } from '../finding.ts';
import type { Resource, Status } from '../model.ts';

export interface CheckCase {
  /** What the case shows, e.g. "user with MFA". */
  name: string;
  resource: Resource<object>;
  /** Resources of other types the check `uses`, by type. */
  related?: Record<string, Resource<object>[]>;
  options?: Record<string, unknown>;
  now?: Date;
  /** A fragment (or pattern) the finding message must contain. */
  message?: string | RegExp;
  /** For ERROR cases: the error code the finding must carry. */
  code?: string;
}

export interface CheckCases {
  pass?: CheckCase[];
  fail?: CheckCase[];
  manual?: CheckCase[];
  error?: CheckCase[];
  /** Resources the check must skip (no finding). */
  notApplicable?: CheckCase[];
}

export const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');

/** Evaluates a check on one case exactly as the runner does. Returns the finding (or undefined). */
export function runCheckCase(check: Check, c: CheckCase) {
  const access = new RelatedAccess();
  const ctx: CheckContext<Record<string, unknown>> = {
    options: resolveCheckOptions(check, c.options),
    now: c.now ?? DEFAULT_NOW,
    account: c.resource.account,
    memo: memoizer(access),
    related: <T extends object>(type: string) => {
      if (!(type in check.uses)) throw new Error(`check ${check.id} reads ${type} without declaring it in uses`);
      return access.wrap((c.related?.[type] ?? []) as Resource[]) as unknown as readonly Resource<T>[];
    },
  };
  return evaluateCheck(check, c.resource as Resource, ctx, { timestamp: ctx.now.toISOString() }, undefined, access);
}

/**
 * Table-driven tests for one check: every case in `pass`, `fail`, `manual` and `error`
 * must produce that status, with a message naming the resource. A check needs PASS, FAIL
 * and ERROR cases (or MANUAL and ERROR for a check that only asks for a manual review).
 */
export function testCheck(check: Check, cases: CheckCases): void {
  describe(check.id, () => {
    it('has the cases every check needs', () => {
      if (cases.manual?.length) {
        expect(cases.error?.length ?? 0, 'ERROR cases').toBeGreaterThan(0);
      } else {
        expect(cases.pass?.length ?? 0, 'PASS cases').toBeGreaterThan(0);
        expect(cases.fail?.length ?? 0, 'FAIL cases').toBeGreaterThan(0);
        expect(cases.error?.length ?? 0, 'ERROR cases').toBeGreaterThan(0);
      }
    });
    const groups: [Status, CheckCase[] | undefined][] = [
      ['PASS', cases.pass],
      ['FAIL', cases.fail],
      ['MANUAL', cases.manual],
      ['ERROR', cases.error],
    ];
    for (const [status, list] of groups) {
      for (const c of list ?? []) {
        it(`${status}: ${c.name}`, () => {
          const finding = runCheckCase(check, c);
          expect(finding, 'a finding').toBeDefined();
          expect(finding?.status, finding?.message).toBe(status);
          expect(finding?.message).toContain(c.resource.name);
          if (c.message) {
            if (typeof c.message === 'string') expect(finding?.message).toContain(c.message);
            else expect(finding?.message).toMatch(c.message);
          }
          if (status === 'ERROR') {
            expect(finding?.errorCode).toBeTruthy();
            if (c.code) expect(finding?.errorCode).toContain(c.code);
          }
        });
      }
    }
    for (const c of cases.notApplicable ?? []) {
      it(`not applicable: ${c.name}`, () => {
        expect(runCheckCase(check, c)).toBeUndefined();
      });
    }
  });
}
