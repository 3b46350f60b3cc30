import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { OrganizationAttributes, ServiceControlPolicy } from '../../resources/organizations.ts';

const NEGATED_STRING_OPERATORS = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike']);

interface Statement {
  Effect?: unknown;
  Condition?: unknown;
}

/**
 * The region lists of the policy's Deny statements conditioned on `aws:RequestedRegion`
 * with a negated string operator ("deny everything not in these regions").
 */
export function deniedOutside(policy: ServiceControlPolicy): string[][] {
  const doc = JSON.parse(policy.content) as { Statement?: Statement | Statement[] };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const lists: string[][] = [];
  for (const s of statements) {
    if (s.Effect !== 'Deny' || !s.Condition || typeof s.Condition !== 'object') continue;
    for (const [operator, block] of Object.entries(s.Condition as Record<string, unknown>)) {
      const base = operator.replace(/^For(AnyValue|AllValues):/, '').replace(/IfExists$/, '');
      if (!NEGATED_STRING_OPERATORS.has(base) || !block || typeof block !== 'object') continue;
      for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
        if (key.toLowerCase() !== 'aws:requestedregion') continue;
        lists.push((Array.isArray(value) ? value : [value]).map(String));
      }
    }
  }
  return lists;
}

export default defineAwsCheck<OrganizationAttributes, z.ZodObject<{ allowedRegions: z.ZodDefault<z.ZodArray<z.ZodString>> }>>({
  id: 'organizations_scp_check_deny_regions',
  service: 'organizations',
  title: 'An attached service control policy denies requests outside the approved regions',
  severity: 'high',
  resourceType: 'AwsOrganization',
  requires: ['rootPolicyTypes', 'serviceControlPolicies'],
  categories: ['identity-access'],
  options: z.object({ allowedRegions: z.array(z.string().min(1)).default([]) }),
  description:
    'In the organization management account, checks that SCPs are enabled and that an attached SCP has a Deny statement conditioned on aws:RequestedRegion with a negated operator (StringNotEquals…), i.e. it blocks requests to regions outside a list. With the allowedRegions option, the list must contain only those regions.',
  risk:
    'Without a region guardrail, an attacker with stolen credentials can launch resources (often crypto miners) or hide persistence in regions nobody monitors, and teams can place data in regions that break residency rules.',
  remediation: {
    recommendation:
      'Attach to the root (or the workload OUs) an SCP that denies all actions, except those of global services, when aws:RequestedRegion is not one of the approved regions.',
    cli: 'aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-other-regions --content file://deny-regions.json\naws organizations attach-policy --policy-id <policy-id> --target-id <root-or-ou-id>',
    terraform:
      'data "aws_iam_policy_document" "deny_regions" {\n  statement {\n    effect      = "Deny"\n    not_actions = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"]\n    resources   = ["*"]\n    condition {\n      test     = "StringNotEquals"\n      variable = "aws:RequestedRegion"\n      values   = ["eu-west-1", "eu-central-1"]\n    }\n  }\n}\nresource "aws_organizations_policy" "deny_regions" {\n  name    = "deny-other-regions"\n  type    = "SERVICE_CONTROL_POLICY"\n  content = data.aws_iam_policy_document.deny_regions.json\n}',
    console: 'AWS Organizations console → Policies → Service control policies → Create policy (Deny with aws:RequestedRegion condition) → attach to the root or OUs.',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html',
  },
  // The policy APIs answer only in the management account; the collector reads them there.
  appliesTo: (r) => r.attributes.organization?.managementAccountId === r.account,
  evaluate(r, ctx) {
    const status = r.attributes.rootPolicyTypes?.SERVICE_CONTROL_POLICY;
    if (status !== 'ENABLED') {
      return { status: 'FAIL', message: `Account ${r.name}: service control policies are ${status ?? 'not enabled'} on the organization root.` };
    }
    const allowed = new Set(ctx.options.allowedRegions);
    const restricting: { name: string; regions: string[] }[] = [];
    for (const p of r.attributes.serviceControlPolicies ?? []) {
      if (p.targets.length === 0) continue;
      for (const regions of deniedOutside(p)) restricting.push({ name: p.name, regions });
    }
    if (restricting.length === 0) {
      return { status: 'FAIL', message: `Account ${r.name}: no attached SCP denies requests outside a list of regions.` };
    }
    const describe = (x: { name: string; regions: string[] }) => `${x.name} (${x.regions.join(', ')})`;
    if (allowed.size === 0) {
      return { status: 'PASS', message: `Account ${r.name}: attached SCP ${restricting.map(describe).join('; ')} denies other regions.` };
    }
    const fitting = restricting.filter((x) => x.regions.every((region) => allowed.has(region)));
    if (fitting.length > 0) {
      return { status: 'PASS', message: `Account ${r.name}: attached SCP ${fitting.map(describe).join('; ')} limits requests to approved regions.` };
    }
    return {
      status: 'FAIL',
      message: `Account ${r.name}: region-restricting SCPs ${restricting.map(describe).join('; ')} allow regions outside ${[...allowed].join(', ')}.`,
    };
  },
});
