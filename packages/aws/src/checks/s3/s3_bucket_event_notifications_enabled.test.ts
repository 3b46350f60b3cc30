import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_event_notifications_enabled.ts';
import { bucket } from './lib/fixtures.ts';

const none = { topicArns: [], queueArns: [], lambdaFunctionArns: [], eventBridge: false };

testCheck(check, {
  pass: [
    { name: 'EventBridge', resource: bucket({ notifications: { ...none, eventBridge: true } }), message: 'EventBridge' },
    {
      name: 'SQS queue',
      resource: bucket({ notifications: { ...none, queueArns: ['arn:aws:sqs:us-east-1:123456789012:uploads'] } }),
      message: '1 SQS queue(s)',
    },
  ],
  fail: [{ name: 'nothing configured', resource: bucket({ notifications: none }), message: 'no event notifications' }],
  error: [{ name: 'denied', resource: withError(bucket(), 'notifications'), code: 'AccessDenied' }],
});
