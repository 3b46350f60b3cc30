import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';
import { day, daysSince } from './lib/time.ts';

export default defineAwsCheck<AccountAttributes, z.ZodObject<{ lookbackDays: z.ZodDefault<z.ZodNumber> }>>({
  id: 'iam_avoid_root_usage',
  service: 'iam',
  title: 'Root user has not been used recently (sign-in or access keys)',
  severity: 'high',
  resourceType: 'AwsAccount',
  requires: ['rootCredentialReport'],
  categories: ['identity-access'],
  options: z.object({ lookbackDays: z.number().int().min(1).max(3650).default(30) }),
  description:
    'Checks in the IAM credential report (up to 4 hours old) that the root user has not signed in to the console or used an access key in the last 30 days (configurable).',
  risk: 'Routine use of the unrestricted root user exposes its credentials more often and makes actions impossible to limit or attribute to a person.',
  remediation: {
    recommendation:
      'Use IAM Identity Center users or IAM roles for daily and administrative work; reserve the root user for the few tasks that require it, and monitor its use.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
  },
  evaluate(account, ctx) {
    const row = account.attributes.rootCredentialReport;
    const lookback = ctx.options.lookbackDays;
    if (!row) {
      return {
        status: 'MANUAL',
        message: `Account ${account.name} credential report has no root user row: review root activity in CloudTrail.`,
      };
    }
    const uses = [
      { what: 'signed in to the console', at: row.passwordLastUsed },
      ...row.accessKeys.map((k) => ({ what: `used access key ${k.slot}`, at: k.lastUsedDate })),
    ]
      .filter((u) => u.at !== null)
      .sort((a, b) => String(b.at).localeCompare(String(a.at)));
    const last = uses[0];
    const age = daysSince(last?.at, ctx.now);
    if (!last || age === undefined || age > lookback) {
      const when = last ? `; last use ${day(last.at)}` : '';
      return { status: 'PASS', message: `Root user of account ${account.name} was not used in the last ${lookback} days${when}.` };
    }
    return {
      status: 'FAIL',
      message: `Root user of account ${account.name} ${last.what} on ${day(last.at)}, within the last ${lookback} days.`,
    };
  },
});
