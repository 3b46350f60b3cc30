import type { SnsSubscription, SnsTopicAttributes } from '../../resources/sns.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './sns_subscription_not_using_http_endpoints.ts';

const topic = (subscriptions: SnsSubscription[]) =>
  buildResource<Pick<SnsTopicAttributes, 'subscriptions'>>('AwsSnsTopic', { subscriptions }, { name: 'alerts' });
const sub = (protocol: string, n = 1) => ({ subscriptionArn: `arn:aws:sns:us-east-1:123456789012:alerts:s${n}`, protocol });

testCheck(check, {
  pass: [
    { name: 'no subscriptions', resource: topic([]), message: 'no HTTP' },
    { name: 'https, sqs, email', resource: topic([sub('https'), sub('sqs', 2), sub('email', 3)]) },
  ],
  fail: [{ name: 'http', resource: topic([sub('https'), sub('http', 2)]), message: 'alerts:s2' }],
  error: [{ name: 'denied', resource: withError(topic([]), 'subscriptions', 'AuthorizationError'), code: 'AuthorizationError' }],
});
