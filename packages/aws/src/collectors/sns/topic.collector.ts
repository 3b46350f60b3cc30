import type { GetTopicAttributesCommandOutput } from '@aws-sdk/client-sns';
import {
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  SNSClient,
  paginateListSubscriptionsByTopic,
  paginateListTopics,
} from '@aws-sdk/client-sns';
import { defineAwsCollector } from '../../context.ts';
import { parsePolicy } from '../../lib/resource-policy.ts';
import type { SnsSubscription, SnsTopicAttributes } from '../../resources/sns.ts';
import { tagRecord } from '../../lib/tags.ts';

const TOPIC_ATTRIBUTES = [{ api: 'GetTopicAttributes', action: 'sns:GetTopicAttributes' }] as const;

/** SNS topics (`AwsSnsTopic`, regional). */
export default defineAwsCollector({
  id: 'sns-topics',
  service: 'sns',
  resourceType: 'AwsSnsTopic',
  scope: 'regional',
  calls: [{ api: 'ListTopics', action: 'sns:ListTopics' }],
  attributes: {
    kmsMasterKeyId: { calls: TOPIC_ATTRIBUTES },
    policy: { calls: TOPIC_ATTRIBUTES },
    subscriptions: { calls: [{ api: 'ListSubscriptionsByTopic', action: 'sns:ListSubscriptionsByTopic' }] },
    tags: { calls: [{ api: 'ListTagsForResource', action: 'sns:ListTagsForResource' }] },
  },
  async *collect(ctx) {
    const sns = ctx.client(SNSClient);
    const arns: string[] = [];
    for await (const page of paginateListTopics({ client: sns }, {})) {
      for (const t of page.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn);
    }
    const resources = await ctx.map(
      arns,
      async (arn) => {
        const resource = ctx.resource<Partial<SnsTopicAttributes>>({
          id: arn,
          name: arn.split(':').pop() ?? arn,
          attributes: {},
        });
        // One GetTopicAttributes call serves both attributes.
        let pending: Promise<GetTopicAttributesCommandOutput> | undefined;
        const topicAttributes = async () =>
          (await (pending ??= sns.send(new GetTopicAttributesCommand({ TopicArn: arn })))).Attributes ?? {};
        await ctx.enrich(resource, 'kmsMasterKeyId', async () => (await topicAttributes()).KmsMasterKeyId || null);
        await ctx.enrich(resource, 'policy', async () => parsePolicy((await topicAttributes()).Policy));
        await ctx.enrich(resource, 'subscriptions', async () => {
          const subs: SnsSubscription[] = [];
          for await (const page of paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: arn })) {
            for (const s of page.Subscriptions ?? []) {
              subs.push({ subscriptionArn: s.SubscriptionArn ?? '', protocol: s.Protocol ?? '' });
            }
          }
          return subs;
        });
        await ctx.enrich(resource, 'tags', async () => {
          const { Tags } = await sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
          resource.tags = tagRecord(Tags);
          return resource.tags;
        });
        return resource;
      },
      8,
    );
    yield* resources;
  },
});
