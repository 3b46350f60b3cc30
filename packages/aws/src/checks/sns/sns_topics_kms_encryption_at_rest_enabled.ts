import { defineAwsCheck } from '../../context.ts';
import type { SnsTopicAttributes } from '../../resources/sns.ts';

export default defineAwsCheck<SnsTopicAttributes>({
  id: 'sns_topics_kms_encryption_at_rest_enabled',
  service: 'sns',
  title: 'SNS topic is encrypted at rest with a KMS key',
  severity: 'high',
  resourceType: 'AwsSnsTopic',
  requires: ['kmsMasterKeyId'],
  categories: ['encryption'],
  description: 'Checks that server-side encryption is enabled on the SNS topic, i.e. that it has a KMS key configured.',
  risk:
    'Without server-side encryption, messages are stored unencrypted by SNS until delivered, and access to their ' +
    'content cannot be controlled or audited through a KMS key policy.',
  remediation: {
    recommendation:
      'Enable server-side encryption on the topic, preferably with a customer managed key whose policy lets the ' +
      'publishing services use it.',
    cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value alias/<key-alias>',
    terraform: 'resource "aws_sns_topic" "t" {\n  name              = "alerts"\n  kms_master_key_id = aws_kms_key.sns.arn\n}',
    cloudformation: 'Type: AWS::SNS::Topic\nProperties:\n  KmsMasterKeyId: !Ref SnsKey',
    console: 'SNS console → Topics → <topic> → Edit → Encryption → Enable encryption.',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  },
  evaluate(topic) {
    const key = topic.attributes.kmsMasterKeyId;
    return key
      ? { status: 'PASS', message: `SNS topic ${topic.name} is encrypted at rest with KMS key ${key}.` }
      : { status: 'FAIL', message: `SNS topic ${topic.name} is not encrypted at rest.` };
  },
});
