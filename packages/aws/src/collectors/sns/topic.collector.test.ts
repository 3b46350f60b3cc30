import {
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './topic.collector.ts';

const sns = mockClient(SNSClient);
const arn = (name: string) => `arn:aws:sns:us-east-1:123456789012:${name}`;
const policy = {
  Version: '2008-10-17',
  Id: '__default_policy_ID',
  Statement: [
    {
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:Publish', 'SNS:Subscribe'],
      Resource: arn('alerts'),
      Condition: { StringEquals: { 'AWS:SourceOwner': '123456789012' } },
    },
  ],
};

function mockHappyPath() {
  sns
    .on(ListTopicsCommand)
    .resolves({ Topics: [{ TopicArn: arn('alerts') }], NextToken: 't2' })
    .on(ListTopicsCommand, { NextToken: 't2' })
    .resolves({ Topics: [{ TopicArn: arn('plain') }] });
  sns.on(GetTopicAttributesCommand, { TopicArn: arn('alerts') }).resolves({
    Attributes: {
      TopicArn: arn('alerts'),
      Owner: '123456789012',
      Policy: JSON.stringify(policy),
      KmsMasterKeyId: 'alias/aws/sns',
      SubscriptionsConfirmed: '1',
    },
  });
  sns.on(GetTopicAttributesCommand, { TopicArn: arn('plain') }).resolves({
    Attributes: { TopicArn: arn('plain'), Owner: '123456789012', SubscriptionsConfirmed: '0' },
  });
  sns
    .on(ListSubscriptionsByTopicCommand, { TopicArn: arn('alerts') })
    .resolves({
      Subscriptions: [
        { SubscriptionArn: `${arn('alerts')}:s1`, Protocol: 'https', Endpoint: 'https://hooks.example.com/x', Owner: '123456789012', TopicArn: arn('alerts') },
      ],
      NextToken: 's2',
    })
    .on(ListSubscriptionsByTopicCommand, { TopicArn: arn('alerts'), NextToken: 's2' })
    .resolves({
      Subscriptions: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'http', Endpoint: 'http://x', TopicArn: arn('alerts') }],
    });
  sns.on(ListSubscriptionsByTopicCommand, { TopicArn: arn('plain') }).resolves({ Subscriptions: [] });
  sns.on(ListTagsForResourceCommand, { ResourceArn: arn('alerts') }).resolves({ Tags: [{ Key: 'env', Value: 'prod' }] });
  sns.on(ListTagsForResourceCommand, { ResourceArn: arn('plain') }).resolves({ Tags: [] });
}

describe('sns-topics collector', () => {
  beforeEach(() => sns.reset());

  it('lists every page and fills the enrichments', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['alerts', 'plain']);
    expect(resources[0]?.id).toBe(arn('alerts'));
    expect(resources[0]?.tags).toEqual({ env: 'prod' });
    expect(resources[0]?.attributes).toEqual({
      kmsMasterKeyId: 'alias/aws/sns',
      policy,
      subscriptions: [
        { subscriptionArn: `${arn('alerts')}:s1`, protocol: 'https' },
        { subscriptionArn: 'PendingConfirmation', protocol: 'http' },
      ],
      tags: { env: 'prod' },
    });
    // One GetTopicAttributes per topic serves both attributes.
    expect(sns.commandCalls(GetTopicAttributesCommand)).toHaveLength(2);
  });

  it('maps a topic without encryption or policy to null', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources[1]?.attributes).toMatchObject({ kmsMasterKeyId: null, policy: null, subscriptions: [] });
    expect(resources[1]?.errors).toEqual({});
  });

  it('records AuthorizationError on the enrichments that need GetTopicAttributes', async () => {
    mockHappyPath();
    sns.on(GetTopicAttributesCommand).rejects(awsError('AuthorizationError', 'not authorized to perform SNS:GetTopicAttributes', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.kmsMasterKeyId?.code).toBe('AuthorizationError');
    expect(resources[0]?.errors.policy?.code).toBe('AuthorizationError');
    expect(resources[0]?.attributes).toHaveProperty('subscriptions');
  });

  it('records AccessDenied on an enrichment', async () => {
    mockHappyPath();
    sns.on(ListTagsForResourceCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.tags?.code).toBe('AccessDenied');
    expect(resources[0]?.tags).toEqual({});
  });

  it('rejects when the listing is denied', async () => {
    sns.on(ListTopicsCommand).rejects(awsError('AuthorizationError', 'not authorized to perform SNS:ListTopics', 403));
    await expect(collect(collector)).rejects.toThrow('SNS:ListTopics');
  });

  it('retries throttling', async () => {
    sns.on(ListTopicsCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded', 400)).resolves({ Topics: [{ TopicArn: arn('a') }] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes no enrichment call when no check wants one', async () => {
    mockHappyPath();
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(2);
    expect(sns.commandCalls(GetTopicAttributesCommand)).toHaveLength(0);
    expect(sns.commandCalls(ListSubscriptionsByTopicCommand)).toHaveLength(0);
  });
});
