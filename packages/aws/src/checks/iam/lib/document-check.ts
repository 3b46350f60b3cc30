import type { Check, Remediation, Resource, Severity } from '@vigil/engine';
import { defineAwsCheck } from '../../../context.ts';
import type { PolicyDocument } from '../../../resources/iam.ts';
import { allowsActionOnAllResources, allowsFullAdmin, serviceWildcardStatements } from './policy.ts';

/** A check of one policy document: `problem` names what is wrong, or returns undefined. */
export function documentCheck<A extends { document: PolicyDocument | null }>(o: {
  id: string;
  severity: Severity;
  resourceType: 'AwsIamPolicy' | 'AwsIamInlinePolicy';
  title: string;
  description: string;
  risk: string;
  remediation: Remediation;
  categories: string[];
  appliesTo?: (r: Resource<A>) => boolean;
  /** How the message names the resource, e.g. "Customer-managed policy". */
  label: (r: Resource<A>) => string;
  problem: (doc: PolicyDocument | null) => string | undefined;
  ok: string;
}): Check {
  return defineAwsCheck<A>({
    id: o.id,
    service: 'iam',
    title: o.title,
    severity: o.severity,
    resourceType: o.resourceType,
    requires: ['document'] as (keyof A & string)[],
    categories: o.categories,
    ...(o.appliesTo ? { appliesTo: o.appliesTo } : {}),
    description: o.description,
    risk: o.risk,
    remediation: o.remediation,
    evaluate(r) {
      const problem = o.problem(r.attributes.document);
      return problem
        ? { status: 'FAIL', message: `${o.label(r)} ${r.name} ${problem}.` }
        : { status: 'PASS', message: `${o.label(r)} ${r.name} ${o.ok}.` };
    },
  });
}

export const adminProblem = (doc: PolicyDocument | null) =>
  allowsFullAdmin(doc) ? 'allows full "*:*" administrator access' : undefined;

export const ADMIN_OK = 'does not allow full "*:*" administrator access';

export function fullServiceProblem(service: string) {
  return (doc: PolicyDocument | null) => {
    const statements = serviceWildcardStatements(doc, service);
    if (statements.length === 0) return undefined;
    const how = statements.some((s) => s.actions) ? `"${service}:*"` : `"${service}:*" through NotAction`;
    return `allows ${how}, full access to ${service === 'kms' ? 'KMS' : 'CloudTrail'}`;
  };
}

export const roleAssumptionProblem = (doc: PolicyDocument | null) =>
  allowsActionOnAllResources(doc, 'sts:AssumeRole') ? 'allows sts:AssumeRole on every role ("Resource": "*")' : undefined;
