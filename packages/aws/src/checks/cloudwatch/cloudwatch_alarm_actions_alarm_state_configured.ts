import { defineAwsCheck } from '../../context.ts';
import type { AlarmAttributes } from '../../resources/cloudwatch.ts';

export default defineAwsCheck<AlarmAttributes>({
  id: 'cloudwatch_alarm_actions_alarm_state_configured',
  service: 'cloudwatch',
  title: 'CloudWatch alarm has at least one action for the ALARM state',
  severity: 'high',
  resourceType: 'AwsCloudWatchAlarm',
  requires: ['alarmActions'],
  categories: ['resilience'],
  description:
    'Checks that the alarm has at least one action (an SNS topic, Auto Scaling policy, EC2 or Systems Manager action) to run when it enters the ALARM state.',
  risk: 'An alarm without an ALARM-state action only changes colour on a dashboard: the event it watches for happens without anyone being told or anything being done.',
  remediation: {
    recommendation: 'Add an action for the ALARM state, typically an SNS topic with subscribers, to the alarm.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <alarm> ... --alarm-actions <sns-topic-arn>',
    terraform: 'resource "aws_cloudwatch_metric_alarm" "example" {\n  # ...\n  alarm_actions = [aws_sns_topic.alerts.arn]\n}',
    console: 'CloudWatch console → Alarms → the alarm → Actions → Edit → Configure actions → Notification for "In alarm".',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
  },
  evaluate(alarm) {
    const actions = alarm.attributes.alarmActions;
    return actions.length > 0
      ? { status: 'PASS', message: `Alarm ${alarm.name} has ${actions.length} action(s) for the ALARM state.` }
      : { status: 'FAIL', message: `Alarm ${alarm.name} has no action for the ALARM state.` };
  },
});
