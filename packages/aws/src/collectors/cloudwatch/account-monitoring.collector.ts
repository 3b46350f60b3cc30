import { defineAwsCollector } from '../../context.ts';
import type { AccountMonitoringAttributes } from '../../resources/cloudwatch.ts';

/**
 * One `AwsCloudWatchAccountMonitoring` per account, with no calls and no attributes: the CIS
 * monitoring checks are evaluated on it from the related trails, metric filters and alarms.
 */
export default defineAwsCollector({
  id: 'cloudwatch-account-monitoring',
  service: 'cloudwatch',
  resourceType: 'AwsCloudWatchAccountMonitoring',
  scope: 'global',
  calls: [],
  attributes: {},
  async *collect(ctx) {
    yield ctx.resource<AccountMonitoringAttributes>({
      id: `arn:${ctx.partition}:cloudwatch::${ctx.account}:account-monitoring`,
      name: ctx.account,
      attributes: {},
    });
  },
});
