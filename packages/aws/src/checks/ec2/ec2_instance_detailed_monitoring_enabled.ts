import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_detailed_monitoring_enabled',
  service: 'ec2',
  title: 'EC2 instances have detailed (1-minute) CloudWatch monitoring enabled',
  severity: 'low',
  resourceType: 'AwsEc2Instance',
  requires: ['monitoringState'],
  categories: ['logging', 'forensics-ready'],
  description: 'Checks that detailed monitoring is enabled on every instance, so CloudWatch receives its metrics every minute instead of every five.',
  risk:
    'With 5-minute metrics, short spikes (crypto-mining bursts, exfiltration, runaway processes) are averaged away and alarms react late, which slows detection and investigation.',
  remediation: {
    recommendation: 'Enable detailed monitoring on instances whose metrics drive alarms or scaling (it is billed per metric).',
    cli: 'aws ec2 monitor-instances --instance-ids <instance-id>',
    terraform: 'resource "aws_instance" "app" {\n  # ...\n  monitoring = true\n}',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html',
  },
  evaluate(instance) {
    const state = instance.attributes.monitoringState;
    return state === 'enabled'
      ? { status: 'PASS', message: `EC2 instance ${instance.name} has detailed monitoring enabled.` }
      : { status: 'FAIL', message: `EC2 instance ${instance.name} does not have detailed monitoring enabled (state ${state ?? 'unknown'}).` };
  },
});
