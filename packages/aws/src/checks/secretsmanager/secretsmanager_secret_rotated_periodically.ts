import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';

const DAY_MS = 86_400_000;
const options = z.object({ maxDaysSinceRotation: z.number().int().positive().default(90) });

export default defineAwsCheck<SecretsManagerSecretAttributes, typeof options>({
  id: 'secretsmanager_secret_rotated_periodically',
  service: 'secretsmanager',
  title: 'Secrets Manager secret has been rotated within the last 90 days',
  severity: 'medium',
  resourceType: 'AwsSecretsManagerSecret',
  requires: ['lastRotatedDate', 'createdDate'],
  categories: ['secrets'],
  options,
  description:
    'Checks that the secret was last rotated no more than 90 days ago (option maxDaysSinceRotation). A secret ' +
    'never rotated passes only while it is younger than that period. Unlike the automatic-rotation check, this ' +
    'catches rotation that is configured but failing.',
  risk:
    'A long-lived credential gives an attacker who obtained it a long window of use; rotation that silently ' +
    'fails leaves the same value in place while everyone believes it changes.',
  remediation: {
    recommendation:
      'Rotate the secret now, enable automatic rotation, and alarm on rotation failures (the RotationFailed event ' +
      'in CloudTrail or EventBridge).',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret>',
    console: 'Secrets Manager console → Secrets → <secret> → Rotation → Rotate secret immediately.',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html',
  },
  evaluate(secret, ctx) {
    const limit = ctx.options.maxDaysSinceRotation;
    const daysSince = (iso: string) => Math.floor((ctx.now.getTime() - Date.parse(iso)) / DAY_MS);
    const { lastRotatedDate, createdDate } = secret.attributes;
    if (lastRotatedDate) {
      const days = daysSince(lastRotatedDate);
      return days > limit
        ? { status: 'FAIL', message: `Secret ${secret.name} was last rotated ${days} days ago (limit ${limit}).` }
        : { status: 'PASS', message: `Secret ${secret.name} was last rotated ${days} days ago.` };
    }
    if (createdDate && daysSince(createdDate) <= limit) {
      return {
        status: 'PASS',
        message: `Secret ${secret.name} has not been rotated yet but was created only ${daysSince(createdDate)} days ago.`,
      };
    }
    return { status: 'FAIL', message: `Secret ${secret.name} has never been rotated.` };
  },
});
