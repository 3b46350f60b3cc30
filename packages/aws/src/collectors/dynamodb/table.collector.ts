import type { TableDescription, Tag } from '@aws-sdk/client-dynamodb';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  paginateListTables,
} from '@aws-sdk/client-dynamodb';
import { errorCode } from '@vigil/engine';
import { defineAwsCollector } from '../../context.ts';
import type { DynamoDbTableAttributes } from '../../resources/dynamodb.ts';
import { tagRecord } from '../../lib/tags.ts';

/** DynamoDB tables (`AwsDynamoDbTable`, regional): ListTables plus DescribeTable for each table. */
export default defineAwsCollector({
  id: 'dynamodb-tables',
  service: 'dynamodb',
  resourceType: 'AwsDynamoDbTable',
  scope: 'regional',
  calls: [
    { api: 'ListTables', action: 'dynamodb:ListTables' },
    { api: 'DescribeTable', action: 'dynamodb:DescribeTable' },
  ],
  attributes: {
    tableStatus: {},
    sseType: {},
    kmsMasterKeyArn: {},
    deletionProtectionEnabled: {},
    billingMode: {},
    continuousBackups: {
      calls: [{ api: 'DescribeContinuousBackups', action: 'dynamodb:DescribeContinuousBackups' }],
    },
    tags: { calls: [{ api: 'ListTagsOfResource', action: 'dynamodb:ListTagsOfResource' }] },
  },
  async *collect(ctx) {
    const ddb = ctx.client(DynamoDBClient);
    const names: string[] = [];
    for await (const page of paginateListTables({ client: ddb }, {})) names.push(...(page.TableNames ?? []));
    const resources = await ctx.map(
      names,
      async (name) => {
        let table: TableDescription | undefined;
        try {
          table = (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table;
        } catch (err) {
          // Deleted between ListTables and DescribeTable: the table no longer exists.
          if (errorCode(err) === 'ResourceNotFoundException') return undefined;
          throw err;
        }
        if (!table) return undefined;
        const arn = table.TableArn ?? ctx.arn('dynamodb', `table/${name}`);
        const sse = table.SSEDescription;
        const resource = ctx.resource<Partial<DynamoDbTableAttributes>>({
          id: arn,
          name,
          attributes: {
            tableStatus: table.TableStatus ?? null,
            sseType: sse?.SSEType === 'KMS' ? 'KMS' : sse?.SSEType === 'AES256' ? 'AES256' : 'DEFAULT',
            kmsMasterKeyArn: sse?.KMSMasterKeyArn ?? null,
            deletionProtectionEnabled: table.DeletionProtectionEnabled === true,
            billingMode: table.BillingModeSummary?.BillingMode ?? null,
          },
        });
        await ctx.enrich(resource, 'continuousBackups', async () => {
          const { ContinuousBackupsDescription: d } = await ddb.send(
            new DescribeContinuousBackupsCommand({ TableName: name }),
          );
          return {
            continuousBackupsStatus: d?.ContinuousBackupsStatus ?? null,
            pointInTimeRecoveryStatus: d?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? null,
            recoveryPeriodInDays: d?.PointInTimeRecoveryDescription?.RecoveryPeriodInDays ?? null,
          };
        });
        await ctx.enrich(resource, 'tags', async () => {
          const tags: Tag[] = [];
          let token: string | undefined;
          do {
            const page = await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: token }));
            tags.push(...(page.Tags ?? []));
            token = page.NextToken;
          } while (token);
          resource.tags = tagRecord(tags);
          return resource.tags;
        });
        return resource;
      },
      8,
    );
    for (const r of resources) if (r) yield r;
  },
});
