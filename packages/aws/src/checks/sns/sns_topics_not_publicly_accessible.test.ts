import type { PolicyDocument } from '../../lib/resource-policy.ts';
import type { SnsTopicAttributes } from '../../resources/sns.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './sns_topics_not_publicly_accessible.ts';

const topic = (policy: PolicyDocument | null) =>
  buildResource<Pick<SnsTopicAttributes, 'policy'>>('AwsSnsTopic', { policy }, { name: 'alerts' });
const policy = (extra: object): PolicyDocument => ({
  Version: '2008-10-17',
  Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: '*', ...extra }],
});

testCheck(check, {
  pass: [
    { name: 'default policy (SourceOwner)', resource: topic(policy({ Condition: { StringEquals: { 'AWS:SourceOwner': '123456789012' } } })), message: 'no public access' },
    { name: 'no policy', resource: topic(null) },
    { name: 'service principal', resource: topic(policy({ Principal: { Service: 'events.amazonaws.com' } })) },
  ],
  fail: [
    { name: 'open publish', resource: topic(policy({})), message: '__default_statement_ID (SNS:Publish, SNS:Subscribe)' },
    { name: 'negated condition', resource: topic(policy({ Condition: { StringNotEquals: { 'AWS:SourceOwner': '1' } } })) },
  ],
  error: [{ name: 'denied', resource: withError(topic(null), 'policy', 'AuthorizationError'), code: 'AuthorizationError' }],
});
