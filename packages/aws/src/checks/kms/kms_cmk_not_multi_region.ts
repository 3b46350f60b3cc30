import { defineAwsCheck } from '../../context.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import { customerManagedOrUnknown, keyLabel } from './helpers.ts';

export default defineAwsCheck<KmsKeyAttributes>({
  id: 'kms_cmk_not_multi_region',
  service: 'kms',
  title: 'Customer managed KMS keys are single-Region keys',
  severity: 'medium',
  resourceType: 'AwsKmsKey',
  requires: ['keyManager', 'multiRegion', 'multiRegionKeyType'],
  categories: ['encryption'],
  description:
    'Checks that customer managed KMS keys are not multi-Region keys (primary or replica). Multi-Region keys share ' +
    'key material across Regions and should be used only where a workload really needs it.',
  risk:
    'Related multi-Region keys can decrypt each other’s ciphertext, so data encrypted in one Region can be decrypted ' +
    'in every Region holding a replica, each with its own key policy to get right. This widens the blast radius of ' +
    'a permissive policy and can conflict with data residency rules.',
  remediation: {
    recommendation:
      'Use single-Region keys unless a multi-Region key is required (for example for global tables or cross-Region ' +
      'disaster recovery); the multi-Region property cannot be changed, so create a single-Region key and re-encrypt.',
    cli: 'aws kms create-key --no-multi-region --description "<purpose>"',
    terraform: 'resource "aws_kms_key" "example" {\n  multi_region = false\n}',
    cloudformation: 'Type: AWS::KMS::Key\nProperties:\n  MultiRegion: false',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html',
  },
  appliesTo: customerManagedOrUnknown,
  evaluate(key) {
    const { multiRegion, multiRegionKeyType } = key.attributes;
    if (!multiRegion) return { status: 'PASS', message: `KMS key ${keyLabel(key)} is a single-Region key.` };
    const kind = multiRegionKeyType ? ` ${multiRegionKeyType.toLowerCase()}` : '';
    return { status: 'FAIL', message: `KMS key ${keyLabel(key)} is a multi-Region${kind} key.` };
  },
});
