import { defineAwsCheck } from '../../context.ts';
import type { AlarmAttributes } from '../../resources/cloudwatch.ts';

export default defineAwsCheck<AlarmAttributes>({
  id: 'cloudwatch_alarm_actions_enabled',
  service: 'cloudwatch',
  title: 'CloudWatch alarm has its actions enabled',
  severity: 'high',
  resourceType: 'AwsCloudWatchAlarm',
  requires: ['actionsEnabled'],
  categories: ['resilience'],
  description:
    'Checks that the actions of the alarm are enabled, so its notifications, Auto Scaling and EC2 actions run when its state changes.',
  risk: 'An alarm whose actions are disabled still changes state but notifies nobody and triggers nothing, giving a false sense that the condition is being watched.',
  remediation: {
    recommendation: 'Enable the alarm actions (or delete the alarm if it is no longer needed).',
    cli: 'aws cloudwatch enable-alarm-actions --alarm-names <alarm>',
    terraform: 'resource "aws_cloudwatch_metric_alarm" "example" {\n  # ...\n  actions_enabled = true\n}',
    console: 'CloudWatch console → Alarms → select the alarm → Actions → Enable actions.',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_EnableAlarmActions.html',
  },
  evaluate(alarm) {
    return alarm.attributes.actionsEnabled
      ? { status: 'PASS', message: `Alarm ${alarm.name} has its actions enabled.` }
      : { status: 'FAIL', message: `Alarm ${alarm.name} has its actions disabled.` };
  },
});
