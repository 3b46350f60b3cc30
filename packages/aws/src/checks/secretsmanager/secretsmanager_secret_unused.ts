import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';

const DAY_MS = 86_400_000;
const options = z.object({ unusedDays: z.number().int().positive().default(90) });

export default defineAwsCheck<SecretsManagerSecretAttributes, typeof options>({
  id: 'secretsmanager_secret_unused',
  service: 'secretsmanager',
  title: 'Secrets Manager secret has been accessed within the last 90 days',
  severity: 'medium',
  resourceType: 'AwsSecretsManagerSecret',
  requires: ['lastAccessedDate', 'createdDate'],
  categories: ['secrets'],
  options,
  description:
    'Checks that the secret was retrieved within the last 90 days (option unusedDays). Secrets Manager records ' +
    'the last access date to the day. A secret created within the period and not yet retrieved passes.',
  risk:
    'Unused secrets are forgotten credentials: they keep granting access to the systems they protect, are rarely ' +
    'rotated, and add cost, without anyone noticing if they leak.',
  remediation: {
    recommendation:
      'Confirm with the owner that the secret is no longer needed, revoke the credential it holds in the target ' +
      'system, then schedule the secret for deletion.',
    cli: 'aws secretsmanager delete-secret --secret-id <secret> --recovery-window-in-days 30',
    console: 'Secrets Manager console → Secrets → <secret> → Actions → Delete secret.',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html',
  },
  evaluate(secret, ctx) {
    const limit = ctx.options.unusedDays;
    const daysSince = (iso: string) => Math.floor((ctx.now.getTime() - Date.parse(iso)) / DAY_MS);
    const { lastAccessedDate, createdDate } = secret.attributes;
    if (lastAccessedDate) {
      const days = daysSince(lastAccessedDate);
      return days > limit
        ? { status: 'FAIL', message: `Secret ${secret.name} was last accessed ${days} days ago (limit ${limit}).` }
        : { status: 'PASS', message: `Secret ${secret.name} was last accessed ${days} days ago.` };
    }
    if (createdDate && daysSince(createdDate) <= limit) {
      return {
        status: 'PASS',
        message: `Secret ${secret.name} has not been accessed yet but was created only ${daysSince(createdDate)} days ago.`,
      };
    }
    return { status: 'FAIL', message: `Secret ${secret.name} has never been accessed.` };
  },
});
