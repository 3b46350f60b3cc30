import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.2. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_sign_in_without_mfa',
  title: 'A CloudWatch metric filter and alarm exist for console sign-ins without MFA',
  subject: 'console sign-ins without MFA',
  metricName: 'ConsoleSigninWithoutMFA',
  pattern:
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  requiredPattern:
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  description:
    'Checks that AWS Management Console sign-ins made without multi-factor authentication are counted and alarmed on (the IAMUser and Success conditions are optional).',
  risk:
    'A console sign-in without MFA means a single stolen password was enough; without an alarm, such logins, including an attacker\'s, are not reviewed.',
});
