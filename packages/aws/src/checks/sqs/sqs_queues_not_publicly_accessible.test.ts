import type { PolicyDocument } from '../../lib/resource-policy.ts';
import type { SqsQueueAttributes } from '../../resources/sqs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './sqs_queues_not_publicly_accessible.ts';

const queue = (policy: PolicyDocument | null) =>
  buildResource<Pick<SqsQueueAttributes, 'policy'>>('AwsSqsQueue', { policy }, { name: 'orders' });
const policy = (extra: object): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'sns', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:orders', ...extra }],
});

testCheck(check, {
  pass: [
    { name: 'no policy', resource: queue(null), message: 'no public access' },
    { name: 'restricted to topic', resource: queue(policy({ Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:t' } } })) },
    { name: 'own account', resource: queue(policy({ Principal: { AWS: '123456789012' } })) },
  ],
  fail: [{ name: 'open', resource: queue(policy({})), message: 'sns (sqs:SendMessage)' }],
  error: [{ name: 'denied', resource: withError(queue(null), 'policy'), code: 'AccessDenied' }],
});
