import type { DynamoDbTableAttributes } from '../../resources/dynamodb.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './dynamodb_table_deletion_protection_enabled.ts';

const table = (deletionProtectionEnabled: boolean) =>
  buildResource<Pick<DynamoDbTableAttributes, 'deletionProtectionEnabled'>>('AwsDynamoDbTable', { deletionProtectionEnabled }, { name: 'orders' });

testCheck(check, {
  pass: [{ name: 'enabled', resource: table(true), message: 'has deletion protection' }],
  fail: [{ name: 'disabled', resource: table(false), message: 'does not have' }],
  error: [{ name: 'not collected', resource: withError(table(false), 'deletionProtectionEnabled'), code: 'AccessDenied' }],
});
