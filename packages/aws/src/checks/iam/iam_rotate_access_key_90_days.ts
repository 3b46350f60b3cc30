import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';
import { day, daysSince } from './lib/time.ts';

export default defineAwsCheck<UserAttributes, z.ZodObject<{ maxKeyAgeDays: z.ZodDefault<z.ZodNumber> }>>({
  id: 'iam_rotate_access_key_90_days',
  service: 'iam',
  title: 'IAM user active access keys are rotated every 90 days or less',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  requires: ['accessKeys'],
  categories: ['secrets'],
  options: z.object({ maxKeyAgeDays: z.number().int().min(1).max(3650).default(90) }),
  description: 'Checks that no active access key of an IAM user is older than 90 days (configurable).',
  risk: 'The longer a key lives, the more places it gets copied to and the longer a leaked copy stays usable.',
  remediation: {
    recommendation:
      'Create a new key, move its users to it, then deactivate and delete the old one; better, replace long-lived keys with roles.',
    cli: 'aws iam create-access-key --user-name USER\naws iam update-access-key --user-name USER --access-key-id OLD_KEY_ID --status Inactive\naws iam delete-access-key --user-name USER --access-key-id OLD_KEY_ID',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
  },
  evaluate(user, ctx) {
    const max = ctx.options.maxKeyAgeDays;
    const active = user.attributes.accessKeys.filter((k) => k.status === 'Active');
    if (active.length === 0) return { status: 'PASS', message: `IAM user ${user.name} has no active access key.` };
    const old = active.filter((k) => (daysSince(k.createDate, ctx.now) ?? 0) > max);
    if (old.length === 0) {
      return { status: 'PASS', message: `IAM user ${user.name} has active access keys no older than ${max} days.` };
    }
    const what = old.map((k) => `${k.accessKeyId} (created ${day(k.createDate)})`).join(', ');
    return { status: 'FAIL', message: `IAM user ${user.name} has active access keys older than ${max} days: ${what}.` };
  },
});
