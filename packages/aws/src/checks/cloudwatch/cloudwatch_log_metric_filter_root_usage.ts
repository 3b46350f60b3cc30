import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.3. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_root_usage',
  title: 'A CloudWatch metric filter and alarm exist for usage of the root user',
  subject: 'root user activity',
  metricName: 'RootAccountUsage',
  pattern:
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  description:
    'Checks that API and console activity of the account root user (not made on its behalf by an AWS service) is counted and alarmed on.',
  risk:
    'The root user has unrestricted access that no policy can limit; any use of it should be rare and known, and unnoticed use may mean the account is compromised.',
});
