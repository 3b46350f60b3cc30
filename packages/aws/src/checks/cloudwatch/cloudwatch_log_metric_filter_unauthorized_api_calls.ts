import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.1. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_unauthorized_api_calls',
  title: 'A CloudWatch metric filter and alarm exist for unauthorized API calls',
  subject: 'unauthorized API calls',
  metricName: 'UnauthorizedAPICalls',
  pattern:
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  requiredPattern:
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  description:
    'Checks that API calls rejected with an UnauthorizedOperation or AccessDenied error are counted and alarmed on (the S3 log-delivery and HeadBucket exclusions are optional).',
  risk:
    'A burst of denied API calls is often the first visible sign of stolen credentials being tried out or of an attacker mapping permissions; unmonitored, it goes unnoticed until something succeeds.',
});
