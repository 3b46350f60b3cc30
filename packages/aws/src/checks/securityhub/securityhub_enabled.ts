import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { SecurityHubHubAttributes } from '../../resources/securityhub.ts';

/** Subscriptions in these states do not evaluate any control. */
const INACTIVE = new Set(['FAILED', 'DELETING']);

export default defineAwsCheck<SecurityHubHubAttributes, z.ZodObject<{ requireStandard: z.ZodDefault<z.ZodBoolean> }>>({
  id: 'securityhub_enabled',
  service: 'securityhub',
  title: 'Security Hub is enabled in the region with at least one security standard',
  severity: 'high',
  resourceType: 'AwsSecurityHubHub',
  requires: ['hub', 'enabledStandards'],
  categories: [],
  options: z.object({ requireStandard: z.boolean().default(true) }),
  description:
    'Checks, in every scanned region, that AWS Security Hub is enabled and (by default) that at least one security standard is enabled and not failed. Set requireStandard to false to accept a hub without standards (the bare CIS 4.16 requirement).',
  risk:
    'Without Security Hub, findings from GuardDuty, Inspector, Macie, Access Analyzer and Config stay scattered per service and region, and no continuous control checks run; a hub without standards aggregates findings but evaluates no controls.',
  remediation: {
    recommendation:
      'Enable Security Hub in every region (centrally for the organization through a delegated administrator and a configuration policy) with the AWS Foundational Security Best Practices standard and/or the CIS AWS Foundations Benchmark.',
    cli: 'aws securityhub enable-security-hub --enable-default-standards --region <region>',
    terraform:
      'resource "aws_securityhub_account" "this" {\n  enable_default_standards = true\n}',
    cloudformation: 'Hub:\n  Type: AWS::SecurityHub::Hub\n  Properties:\n    EnableDefaultStandards: true',
    console: 'Security Hub console (in each region) → Go to Security Hub → select standards → Enable Security Hub.',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-enable.html',
  },
  evaluate(r, ctx) {
    const hub = r.attributes.hub;
    if (!hub) return { status: 'FAIL', message: `${r.name} is not enabled.` };
    const standards = (r.attributes.enabledStandards ?? []).filter((s) => !INACTIVE.has(s.status));
    if (standards.length > 0) {
      const names = standards.map((s) => s.standardsArn.split(':standards/')[1] ?? s.standardsArn).join(', ');
      return { status: 'PASS', message: `${r.name} is enabled with standards ${names}.` };
    }
    if (!ctx.options.requireStandard) return { status: 'PASS', message: `${r.name} is enabled (no security standard enabled).` };
    return { status: 'FAIL', message: `${r.name} is enabled but has no active security standard.` };
  },
});
