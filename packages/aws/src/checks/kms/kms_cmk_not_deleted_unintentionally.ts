import { defineAwsCheck } from '../../context.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import { customerManagedOrUnknown, keyLabel } from './helpers.ts';

export default defineAwsCheck<KmsKeyAttributes>({
  id: 'kms_cmk_not_deleted_unintentionally',
  service: 'kms',
  title: 'Customer managed KMS keys are not scheduled for deletion',
  severity: 'critical',
  resourceType: 'AwsKmsKey',
  requires: ['keyManager', 'keyState', 'deletionDate'],
  categories: ['encryption'],
  description:
    'Checks that no customer managed KMS key (or multi-Region replica) is pending deletion, so that an unintended ' +
    'deletion can still be cancelled during the waiting period.',
  risk:
    'Once the waiting period ends the key material is destroyed for good: every ciphertext, snapshot, volume or ' +
    'secret encrypted under the key becomes permanently unreadable.',
  remediation: {
    recommendation:
      'Confirm the deletion is intended. If not, cancel it and re-enable the key; before deleting a key, disable it ' +
      'for a while and watch CloudTrail for failed uses.',
    cli: 'aws kms cancel-key-deletion --key-id <key-id> && aws kms enable-key --key-id <key-id>',
    console: 'KMS console → Customer managed keys → the key → Key actions → Cancel key deletion, then Enable.',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html',
  },
  appliesTo: customerManagedOrUnknown,
  evaluate(key) {
    const { keyState, deletionDate } = key.attributes;
    if (keyState === 'PendingDeletion' || keyState === 'PendingReplicaDeletion') {
      const when = deletionDate ? ` on ${deletionDate.slice(0, 10)}` : '';
      return { status: 'FAIL', message: `KMS key ${keyLabel(key)} is scheduled for deletion${when}.` };
    }
    return { status: 'PASS', message: `KMS key ${keyLabel(key)} is not scheduled for deletion (state ${keyState}).` };
  },
});
