import type { DynamoDbTableAttributes } from '../../resources/dynamodb.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './dynamodb_tables_kms_cmk_encryption_enabled.ts';

type A = Pick<DynamoDbTableAttributes, 'sseType' | 'kmsMasterKeyArn'>;
const table = (sseType: A['sseType'], kmsMasterKeyArn: string | null = null) =>
  buildResource<A>('AwsDynamoDbTable', { sseType, kmsMasterKeyArn }, { name: 'orders' });
const key = 'arn:aws:kms:us-east-1:123456789012:key/k1';

testCheck(check, {
  pass: [{ name: 'KMS', resource: table('KMS', key), message: key }],
  fail: [
    { name: 'AWS owned key', resource: table('DEFAULT'), message: 'AWS owned key' },
    { name: 'AES256', resource: table('AES256') },
  ],
  error: [{ name: 'not collected', resource: withError(table('DEFAULT'), 'sseType'), code: 'AccessDenied' }],
});
