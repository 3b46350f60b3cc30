import { defineAwsCheck } from '../../context.ts';
import type { SnsTopicAttributes } from '../../resources/sns.ts';

export default defineAwsCheck<SnsTopicAttributes>({
  id: 'sns_subscription_not_using_http_endpoints',
  service: 'sns',
  title: 'SNS topic has no subscriptions delivering over unencrypted HTTP',
  severity: 'high',
  resourceType: 'AwsSnsTopic',
  requires: ['subscriptions'],
  categories: ['encryption'],
  description: 'Checks that no subscription of the SNS topic uses the http protocol; https delivers the same messages encrypted in transit.',
  risk: 'Messages delivered over plain HTTP can be read or altered by anyone on the network path to the endpoint.',
  remediation: {
    recommendation: 'Replace each http subscription with an https subscription to the same endpoint, then delete the http one.',
    cli: 'aws sns subscribe --topic-arn <topic-arn> --protocol https --notification-endpoint https://<endpoint>\naws sns unsubscribe --subscription-arn <http-subscription-arn>',
    console: 'SNS console → Topics → <topic> → Subscriptions → create an HTTPS subscription and delete the HTTP one.',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html',
  },
  evaluate(topic) {
    const http = topic.attributes.subscriptions.filter((s) => s.protocol.toLowerCase() === 'http');
    return http.length > 0
      ? {
          status: 'FAIL',
          message: `SNS topic ${topic.name} has ${http.length} subscription(s) delivering over unencrypted HTTP: ${http.map((s) => s.subscriptionArn).join(', ')}.`,
        }
      : { status: 'PASS', message: `SNS topic ${topic.name} has no HTTP subscriptions.` };
  },
});
