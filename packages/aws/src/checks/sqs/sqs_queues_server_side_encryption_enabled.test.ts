import type { SqsQueueAttributes } from '../../resources/sqs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './sqs_queues_server_side_encryption_enabled.ts';

type A = Pick<SqsQueueAttributes, 'kmsMasterKeyId' | 'sqsManagedSseEnabled'>;
const queue = (kmsMasterKeyId: string | null, sqsManagedSseEnabled: boolean) =>
  buildResource<A>('AwsSqsQueue', { kmsMasterKeyId, sqsManagedSseEnabled }, { name: 'orders' });

testCheck(check, {
  pass: [
    { name: 'SSE-KMS', resource: queue('alias/orders', false), message: 'alias/orders' },
    { name: 'SSE-SQS', resource: queue(null, true), message: 'SSE-SQS' },
  ],
  fail: [{ name: 'no encryption', resource: queue(null, false), message: 'disabled' }],
  error: [{ name: 'denied', resource: withError(queue(null, false), 'sqsManagedSseEnabled'), code: 'AccessDenied' }],
});
