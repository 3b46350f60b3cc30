import { defineAwsCheck } from '../../context.ts';
import type { DynamoDbTableAttributes } from '../../resources/dynamodb.ts';

export default defineAwsCheck<DynamoDbTableAttributes>({
  id: 'dynamodb_tables_kms_cmk_encryption_enabled',
  service: 'dynamodb',
  title: 'DynamoDB table is encrypted with a KMS key rather than the AWS owned key',
  severity: 'medium',
  resourceType: 'AwsDynamoDbTable',
  requires: ['sseType', 'kmsMasterKeyArn'],
  categories: ['encryption'],
  description:
    'Checks that the table is encrypted at rest with a KMS key in your account (the AWS managed key aws/dynamodb ' +
    'or a customer managed key) instead of the default AWS owned key. Telling the two kinds of KMS key apart needs ' +
    'KMS data, so both pass here; the message names the key.',
  risk:
    'With the AWS owned key, you cannot see or control use of the key: there is no key policy to restrict ' +
    'decryption, no CloudTrail record of its use and no way to revoke access to the data by disabling the key.',
  remediation: {
    recommendation: 'Switch the table encryption to a customer managed KMS key and restrict who can use it in its key policy.',
    cli: 'aws dynamodb update-table --table-name <table> --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=<key-arn>',
    terraform: 'resource "aws_dynamodb_table" "t" {\n  # ...\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.ddb.arn\n  }\n}',
    cloudformation: 'Type: AWS::DynamoDB::Table\nProperties:\n  SSESpecification:\n    SSEEnabled: true\n    SSEType: KMS\n    KMSMasterKeyId: !Ref TableKey',
    console: 'DynamoDB console → Tables → <table> → Additional settings → Encryption → Manage encryption.',
    url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html',
  },
  evaluate(table) {
    const { sseType, kmsMasterKeyArn } = table.attributes;
    return sseType === 'KMS'
      ? { status: 'PASS', message: `DynamoDB table ${table.name} is encrypted with KMS key ${kmsMasterKeyArn ?? '(unknown)'}.` }
      : { status: 'FAIL', message: `DynamoDB table ${table.name} is encrypted only with the default AWS owned key.` };
  },
});
