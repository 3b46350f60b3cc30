import { defineAwsCheck } from '../../context.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import { customerManagedOrUnknown, keyLabel, publicStatements } from './helpers.ts';

export default defineAwsCheck<KmsKeyAttributes>({
  id: 'kms_key_not_publicly_accessible',
  service: 'kms',
  title: 'Customer managed KMS key policies do not grant access to everyone',
  severity: 'critical',
  resourceType: 'AwsKmsKey',
  requires: ['keyManager', 'keyPolicy'],
  categories: ['internet-exposed', 'identity-access'],
  description:
    'Checks the key policy of every customer managed KMS key for Allow statements whose principal is "*" (or that use ' +
    'NotPrincipal) without a condition limiting them to known accounts, organizations, source ARNs, VPCs or IP ranges.',
  risk:
    'A key policy open to every AWS principal lets any AWS account, or any anonymous caller where the service allows ' +
    'it, use the key to decrypt data or even change the key policy and schedule the key for deletion.',
  remediation: {
    recommendation:
      'Replace the wildcard principal with the accounts or roles that need the key, or add a condition such as ' +
      'aws:PrincipalOrgID or kms:CallerAccount that confines the statement to your own accounts.',
    cli: 'aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://restricted-policy.json',
    terraform:
      'resource "aws_kms_key_policy" "example" {\n  key_id = aws_kms_key.example.id\n  policy = data.aws_iam_policy_document.key.json # no "*" principal without conditions\n}',
    console: 'KMS console → Customer managed keys → the key → Key policy → Edit: remove or restrict statements with Principal "*".',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  },
  appliesTo: customerManagedOrUnknown,
  evaluate(key) {
    const open = publicStatements(key.attributes.keyPolicy.Statement);
    if (open.length === 0) {
      return { status: 'PASS', message: `KMS key ${keyLabel(key)} has a key policy that does not grant access to everyone.` };
    }
    const names = open.map((s, i) => (s.Sid ? `"${s.Sid}"` : `#${i + 1}`)).join(', ');
    return {
      status: 'FAIL',
      message: `KMS key ${keyLabel(key)} has a key policy that allows any principal without a restricting condition (statement ${names}).`,
    };
  },
});
