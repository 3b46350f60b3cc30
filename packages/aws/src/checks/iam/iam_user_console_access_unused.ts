import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';
import { day, daysSince } from './lib/time.ts';

export default defineAwsCheck<UserAttributes, z.ZodObject<{ maxUnusedDays: z.ZodDefault<z.ZodNumber> }>>({
  id: 'iam_user_console_access_unused',
  service: 'iam',
  title: 'IAM user console passwords unused for 45 days or more are removed',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  requires: ['passwordLastUsed', 'loginProfile'],
  categories: ['identity-access'],
  options: z.object({ maxUnusedDays: z.number().int().min(1).max(3650).default(45) }),
  description:
    'Checks that an IAM user with a console password signed in within the last 45 days (configurable); a password never used counts from its creation.',
  risk: 'Dormant console passwords belong to people who left or no longer need access, and their compromise goes unnoticed.',
  remediation: {
    recommendation: 'Delete the console password (login profile) of users who have not signed in for 45 days.',
    cli: 'aws iam delete-login-profile --user-name USER',
    console: 'IAM console → Users → user → Security credentials → Console sign-in → Manage → Disable.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
  },
  evaluate(user, ctx) {
    const max = ctx.options.maxUnusedDays;
    const profile = user.attributes.loginProfile;
    if (!profile) return { status: 'PASS', message: `IAM user ${user.name} has no console password.` };
    const last = user.attributes.passwordLastUsed;
    const age = daysSince(last ?? profile.createDate, ctx.now);
    if (age === undefined || age < max) {
      return {
        status: 'PASS',
        message: last
          ? `IAM user ${user.name} last signed in to the console on ${day(last)}.`
          : `IAM user ${user.name} has a console password created on ${day(profile.createDate)}, less than ${max} days ago.`,
      };
    }
    return {
      status: 'FAIL',
      message: last
        ? `IAM user ${user.name} has not signed in to the console since ${day(last)} (${age} days).`
        : `IAM user ${user.name} has never used the console password created on ${day(profile.createDate)}.`,
    };
  },
});
