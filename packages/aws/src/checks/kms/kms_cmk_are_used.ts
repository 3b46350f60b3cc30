import { defineAwsCheck } from '../../context.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import { customerManagedOrUnknown, keyLabel } from './helpers.ts';

export default defineAwsCheck<KmsKeyAttributes>({
  id: 'kms_cmk_are_used',
  service: 'kms',
  title: 'Customer managed KMS keys are enabled and usable',
  severity: 'low',
  resourceType: 'AwsKmsKey',
  requires: ['keyManager', 'keyState'],
  categories: ['encryption'],
  description:
    'Checks that customer managed KMS keys are in the Enabled state. Disabled keys, keys waiting for imported key ' +
    'material and keys whose custom key store is unavailable cannot be used. Keys already scheduled for deletion are ' +
    'reported by kms_cmk_not_deleted_unintentionally instead.',
  risk:
    'Unusable keys cost money every month and clutter the key inventory; a key that was disabled by mistake makes the ' +
    'data encrypted under it unreadable until someone notices.',
  remediation: {
    recommendation:
      'Re-enable keys that are still needed; for keys that are no longer used, confirm in CloudTrail that nothing ' +
      'calls them and schedule their deletion.',
    cli: 'aws kms enable-key --key-id <key-id>   # or: aws kms schedule-key-deletion --key-id <key-id> --pending-window-in-days 30',
    console: 'KMS console → Customer managed keys → the key → Key actions → Enable (or Schedule key deletion).',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html',
  },
  appliesTo(key) {
    const state = key.attributes.keyState;
    return customerManagedOrUnknown(key) && state !== 'PendingDeletion' && state !== 'PendingReplicaDeletion';
  },
  evaluate(key) {
    const state = key.attributes.keyState;
    return state === 'Enabled' || state === 'Creating' || state === 'Updating'
      ? { status: 'PASS', message: `KMS key ${keyLabel(key)} is ${state.toLowerCase()}.` }
      : { status: 'FAIL', message: `KMS key ${keyLabel(key)} is not usable: its state is ${state}.` };
  },
});
