import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';
import { day, daysSince } from './lib/time.ts';

export default defineAwsCheck<UserAttributes, z.ZodObject<{ maxUnusedDays: z.ZodDefault<z.ZodNumber> }>>({
  id: 'iam_user_accesskey_unused',
  service: 'iam',
  title: 'IAM user access keys unused for 45 days or more are deactivated',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  requires: ['accessKeys'],
  categories: ['secrets'],
  options: z.object({ maxUnusedDays: z.number().int().min(1).max(3650).default(45) }),
  description:
    'Checks that every active access key of an IAM user was used in the last 45 days (configurable); a key never used counts from its creation.',
  risk: 'Forgotten active keys are long-lived secrets nobody watches; if one leaks, it works until someone notices.',
  remediation: {
    recommendation: 'Deactivate, then delete, access keys that have not been used for 45 days.',
    cli: 'aws iam update-access-key --user-name USER --access-key-id KEY_ID --status Inactive',
    console: 'IAM console → Users → user → Security credentials → Access keys → Actions → Deactivate.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  evaluate(user, ctx) {
    const max = ctx.options.maxUnusedDays;
    const active = user.attributes.accessKeys.filter((k) => k.status === 'Active');
    if (active.length === 0) return { status: 'PASS', message: `IAM user ${user.name} has no active access key.` };
    const stale = active.filter((k) => (daysSince(k.lastUsedDate ?? k.createDate, ctx.now) ?? 0) >= max);
    if (stale.length === 0) {
      return { status: 'PASS', message: `IAM user ${user.name} has used each active access key in the last ${max} days.` };
    }
    const what = stale
      .map((k) => `${k.accessKeyId} (${k.lastUsedDate ? `last used ${day(k.lastUsedDate)}` : `never used, created ${day(k.createDate)}`})`)
      .join(', ');
    return { status: 'FAIL', message: `IAM user ${user.name} has active access keys unused for ${max} days or more: ${what}.` };
  },
});
