import type { SnsTopicAttributes } from '../../resources/sns.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './sns_topics_kms_encryption_at_rest_enabled.ts';

const topic = (kmsMasterKeyId: string | null) =>
  buildResource<Pick<SnsTopicAttributes, 'kmsMasterKeyId'>>('AwsSnsTopic', { kmsMasterKeyId }, { name: 'alerts' });

testCheck(check, {
  pass: [
    { name: 'AWS managed key', resource: topic('alias/aws/sns'), message: 'alias/aws/sns' },
    { name: 'customer key', resource: topic('arn:aws:kms:us-east-1:123456789012:key/k1') },
  ],
  fail: [{ name: 'no key', resource: topic(null), message: 'not encrypted' }],
  error: [{ name: 'denied', resource: withError(topic(null), 'kmsMasterKeyId', 'AuthorizationError'), code: 'AuthorizationError' }],
});
