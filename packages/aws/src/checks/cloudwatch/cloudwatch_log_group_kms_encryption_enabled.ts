import { defineAwsCheck } from '../../context.ts';
import type { LogGroupAttributes } from '../../resources/cloudwatch.ts';

export default defineAwsCheck<LogGroupAttributes>({
  id: 'cloudwatch_log_group_kms_encryption_enabled',
  service: 'cloudwatch',
  title: 'CloudWatch Logs log group is encrypted with a KMS key',
  severity: 'medium',
  resourceType: 'AwsLogsLogGroup',
  requires: ['kmsKeyId'],
  categories: ['encryption'],
  description:
    'Checks that the log group is associated with a customer managed KMS key rather than relying only on the default CloudWatch Logs encryption.',
  risk: 'Logs often hold sensitive data (tokens, personal data, internal hostnames). With a KMS key, reading them also needs kms:Decrypt, which can be restricted and audited separately, and access can be cut by disabling the key.',
  remediation: {
    recommendation:
      'Create a KMS key whose policy allows the CloudWatch Logs service principal of the region, and associate it with the log group.',
    cli: 'aws logs associate-kms-key --log-group-name <log-group> --kms-key-id <key-arn>',
    terraform: 'resource "aws_cloudwatch_log_group" "app" {\n  name       = "<log-group>"\n  kms_key_id = aws_kms_key.logs.arn\n}',
    cloudformation: 'LogGroup:\n  Type: AWS::Logs::LogGroup\n  Properties:\n    KmsKeyId: !GetAtt LogsKey.Arn',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  },
  evaluate(group) {
    const key = group.attributes.kmsKeyId;
    return key
      ? { status: 'PASS', message: `Log group ${group.name} is encrypted with KMS key ${key}.` }
      : { status: 'FAIL', message: `Log group ${group.name} is not encrypted with a KMS key.` };
  },
});
