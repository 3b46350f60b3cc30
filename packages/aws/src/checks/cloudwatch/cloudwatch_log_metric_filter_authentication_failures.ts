import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.6. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_authentication_failures',
  title: 'A CloudWatch metric filter and alarm exist for console authentication failures',
  subject: 'console authentication failures',
  metricName: 'ConsoleAuthenticationFailures',
  pattern:
    '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  description:
    'Checks that failed AWS Management Console sign-ins are counted and alarmed on.',
  risk:
    'Repeated failed sign-ins point to password guessing or credential stuffing against IAM users; unmonitored, the attack runs until it succeeds.',
});
