import type { GetQueueAttributesCommandOutput } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand, ListQueueTagsCommand, SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import { defineAwsCollector } from '../../context.ts';
import { parsePolicy } from '../../lib/resource-policy.ts';
import type { SqsQueueAttributes } from '../../resources/sqs.ts';

const QUEUE_ATTRIBUTES = [{ api: 'GetQueueAttributes', action: 'sqs:GetQueueAttributes' }] as const;

/** SQS queues (`AwsSqsQueue`, regional). */
export default defineAwsCollector({
  id: 'sqs-queues',
  service: 'sqs',
  resourceType: 'AwsSqsQueue',
  scope: 'regional',
  calls: [{ api: 'ListQueues', action: 'sqs:ListQueues' }],
  attributes: {
    url: {},
    kmsMasterKeyId: { calls: QUEUE_ATTRIBUTES },
    sqsManagedSseEnabled: { calls: QUEUE_ATTRIBUTES },
    policy: { calls: QUEUE_ATTRIBUTES },
    tags: { calls: [{ api: 'ListQueueTags', action: 'sqs:ListQueueTags' }] },
  },
  async *collect(ctx) {
    const sqs = ctx.client(SQSClient);
    const urls: string[] = [];
    // NextToken is only returned when MaxResults is set: ask for full pages of 1000.
    for await (const page of paginateListQueues({ client: sqs, pageSize: 1000 }, {})) {
      urls.push(...(page.QueueUrls ?? []));
    }
    const resources = await ctx.map(
      urls,
      async (url) => {
        const [account = ctx.account, name = url] = new URL(url).pathname.split('/').filter(Boolean);
        const resource = ctx.resource<Partial<SqsQueueAttributes>>({
          id: `arn:${ctx.partition}:sqs:${ctx.region}:${account}:${name}`,
          name,
          attributes: { url },
        });
        // One GetQueueAttributes call serves the three attributes.
        let pending: Promise<GetQueueAttributesCommandOutput> | undefined;
        const queueAttributes = async () =>
          (await (pending ??= sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))))
            .Attributes ?? {};
        await ctx.enrich(resource, 'kmsMasterKeyId', async () => (await queueAttributes()).KmsMasterKeyId || null);
        await ctx.enrich(
          resource,
          'sqsManagedSseEnabled',
          async () => (await queueAttributes()).SqsManagedSseEnabled?.toLowerCase() === 'true',
        );
        await ctx.enrich(resource, 'policy', async () => parsePolicy((await queueAttributes()).Policy));
        await ctx.enrich(resource, 'tags', async () => {
          const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }));
          resource.tags = { ...(Tags ?? {}) };
          return resource.tags;
        });
        return resource;
      },
      8,
    );
    yield* resources;
  },
});
