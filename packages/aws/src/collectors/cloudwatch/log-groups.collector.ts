import { CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { defineAwsCollector } from '../../context.ts';
import type { LogGroupAttributes } from '../../resources/cloudwatch.ts';

/** CloudWatch Logs log groups (`AwsLogsLogGroup`, regional), from the paginated `DescribeLogGroups`. */
export default defineAwsCollector({
  id: 'cloudwatch-log-groups',
  service: 'cloudwatch',
  resourceType: 'AwsLogsLogGroup',
  scope: 'regional',
  calls: [{ api: 'DescribeLogGroups', action: 'logs:DescribeLogGroups' }],
  attributes: {
    retentionInDays: {},
    kmsKeyId: {},
    logGroupClass: {},
    storedBytes: {},
    creationTime: {},
  },
  async *collect(ctx) {
    const logs = ctx.client(CloudWatchLogsClient);
    for await (const page of paginateDescribeLogGroups({ client: logs }, {})) {
      for (const g of page.logGroups ?? []) {
        if (!g.logGroupName) continue;
        yield ctx.resource<Partial<LogGroupAttributes>>({
          // `arn` ends with `:*`; `logGroupArn` is the ARN proper.
          id: g.logGroupArn ?? g.arn?.replace(/:\*$/, '') ?? ctx.arn('logs', `log-group:${g.logGroupName}`),
          name: g.logGroupName,
          attributes: {
            retentionInDays: g.retentionInDays ?? null,
            kmsKeyId: g.kmsKeyId ?? null,
            logGroupClass: g.logGroupClass ?? null,
            storedBytes: g.storedBytes ?? null,
            creationTime: g.creationTime !== undefined ? new Date(g.creationTime).toISOString() : null,
          },
        });
      }
    }
  },
});
