import type { Finding, Status } from './model.ts';

/** A compliance framework as data: requirements pointing at check ids. */
export interface Framework {
  /** Stable id used by `--compliance`, e.g. `cis_4.0_aws`. */
  id: string;
  name: string;
  version: string;
  provider: string;
  description: string;
  requirements: Requirement[];
}

export interface Requirement {
  id: string;
  section: string;
  title: string;
  /** Manual requirements need a human review whatever the checks say. */
  assessment: 'Automated' | 'Manual';
  checks: string[];
}

export type RequirementStatus = 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR';

export interface RequirementResult {
  requirement: Requirement;
  status: RequirementStatus;
  counts: Record<Status, number>;
  muted: number;
}

/** Per-check tallies of findings, the input of compliance evaluation (cheap to keep while streaming). */
export class CheckTally {
  private readonly byCheck = new Map<string, { counts: Record<Status, number>; muted: number }>();

  add(f: Pick<Finding, 'checkId' | 'status' | 'muted'>): void {
    let t = this.byCheck.get(f.checkId);
    if (!t) this.byCheck.set(f.checkId, (t = { counts: { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 }, muted: 0 }));
    if (f.muted) t.muted++;
    else t.counts[f.status]++;
  }

  get(checkId: string): { counts: Record<Status, number>; muted: number } | undefined {
    return this.byCheck.get(checkId);
  }
}

/**
 * Status of each requirement: MANUAL for manual requirements or those no selected check
 * covers (with the counts of their checks, to guide the review); otherwise FAIL if any unmuted finding of its checks fails, ERROR if any could not
 * be evaluated, PASS when everything evaluated passed.
 */
export function evaluateFramework(framework: Framework, tally: CheckTally): RequirementResult[] {
  return framework.requirements.map((requirement) => {
    const counts: Record<Status, number> = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
    let muted = 0;
    let evaluated = false;
    for (const id of requirement.checks) {
      const t = tally.get(id);
      if (!t) continue;
      evaluated = true;
      muted += t.muted;
      for (const s of Object.keys(counts) as Status[]) counts[s] += t.counts[s];
    }
    let status: RequirementStatus;
    // Manual requirements stay MANUAL (a human decides); their checks' counts still inform the review.
    if (requirement.assessment === 'Manual' || !evaluated) status = 'MANUAL';
    else if (counts.FAIL > 0) status = 'FAIL';
    else if (counts.ERROR > 0) status = 'ERROR';
    else if (counts.PASS > 0) status = 'PASS';
    else status = 'MANUAL';
    return { requirement, status, counts, muted };
  });
}

/** Maps check id → framework id → requirement ids, for stamping findings. */
export function complianceIndex(frameworks: readonly Framework[]): (checkId: string) => Record<string, string[]> {
  const index = new Map<string, Record<string, string[]>>();
  for (const fw of frameworks) {
    for (const req of fw.requirements) {
      for (const checkId of req.checks) {
        let entry = index.get(checkId);
        if (!entry) index.set(checkId, (entry = {}));
        (entry[fw.id] ??= []).push(req.id);
      }
    }
  }
  return (checkId) => index.get(checkId) ?? {};
}
