import { GetQueueAttributesCommand, ListQueuesCommand, ListQueueTagsCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './queue.collector.ts';

const sqs = mockClient(SQSClient);
const url = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const policy = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
};

function mockHappyPath() {
  sqs
    .on(ListQueuesCommand)
    .resolves({ QueueUrls: [url('orders')], NextToken: 'q2' })
    .on(ListQueuesCommand, { NextToken: 'q2' })
    .resolves({ QueueUrls: [url('events.fifo')] });
  sqs.on(GetQueueAttributesCommand, { QueueUrl: url('orders') }).resolves({
    Attributes: {
      QueueArn: 'arn:aws:sqs:us-east-1:123456789012:orders',
      KmsMasterKeyId: 'alias/orders',
      KmsDataKeyReusePeriodSeconds: '300',
      Policy: JSON.stringify(policy),
    },
  });
  sqs.on(GetQueueAttributesCommand, { QueueUrl: url('events.fifo') }).resolves({
    Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:123456789012:events.fifo', SqsManagedSseEnabled: 'true' },
  });
  sqs.on(ListQueueTagsCommand, { QueueUrl: url('orders') }).resolves({ Tags: { app: 'shop' } });
  sqs.on(ListQueueTagsCommand, { QueueUrl: url('events.fifo') }).resolves({});
}

describe('sqs-queues collector', () => {
  beforeEach(() => sqs.reset());

  it('lists every page (with MaxResults) and fills the enrichments', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.id)).toEqual([
      'arn:aws:sqs:us-east-1:123456789012:orders',
      'arn:aws:sqs:us-east-1:123456789012:events.fifo',
    ]);
    expect(resources[0]?.name).toBe('orders');
    expect(resources[0]?.tags).toEqual({ app: 'shop' });
    expect(resources[0]?.attributes).toEqual({
      url: url('orders'),
      kmsMasterKeyId: 'alias/orders',
      sqsManagedSseEnabled: false,
      policy,
      tags: { app: 'shop' },
    });
    expect(sqs.commandCalls(ListQueuesCommand)[0]?.args[0].input.MaxResults).toBe(1000);
    expect(sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(2);
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]?.args[0].input.AttributeNames).toEqual(['All']);
  });

  it('maps a queue without KMS key or policy to null', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources[1]?.attributes).toMatchObject({ kmsMasterKeyId: null, sqsManagedSseEnabled: true, policy: null, tags: {} });
  });

  it('records AccessDenied on the enrichments', async () => {
    mockHappyPath();
    sqs.on(GetQueueAttributesCommand).rejects(awsError('AccessDenied', 'not authorized to perform sqs:GetQueueAttributes', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.kmsMasterKeyId?.code).toBe('AccessDenied');
    expect(resources[0]?.errors.policy?.code).toBe('AccessDenied');
    expect(resources[0]?.errors.sqsManagedSseEnabled?.code).toBe('AccessDenied');
    expect(resources[0]?.errors.tags).toBeUndefined();
  });

  it('rejects when the listing is denied', async () => {
    sqs.on(ListQueuesCommand).rejects(awsError('AccessDenied', 'not authorized to perform sqs:listqueues', 403));
    await expect(collect(collector)).rejects.toThrow('sqs:listqueues');
  });

  it('retries throttling', async () => {
    sqs.on(ListQueuesCommand).rejectsOnce(awsError('RequestThrottled', 'slow down', 400)).resolves({ QueueUrls: [url('a')] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources[0]?.name).toBe('a');
    expect(stats.throttles).toBe(1);
  });

  it('makes no enrichment call when no check wants one', async () => {
    mockHappyPath();
    const { stats } = await collect(collector, { wants: ['url'] });
    expect(stats.apiCalls).toBe(2);
    expect(sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(0);
    expect(sqs.commandCalls(ListQueueTagsCommand)).toHaveLength(0);
  });
});
