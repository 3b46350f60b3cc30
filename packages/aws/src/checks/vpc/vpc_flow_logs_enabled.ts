import { defineAwsCheck } from '../../context.ts';
import type { VpcAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<VpcAttributes>({
  id: 'vpc_flow_logs_enabled',
  service: 'vpc',
  title: 'VPC flow logs capture rejected traffic in every VPC',
  severity: 'medium',
  resourceType: 'AwsEc2Vpc',
  requires: ['flowLogs'],
  categories: ['logging', 'forensics-ready'],
  description:
    'Checks that the VPC has an active flow log, attached to the VPC itself, that records rejected traffic ' +
    '(traffic type REJECT or ALL) and whose last delivery did not fail. Flow logs on single subnets or network ' +
    'interfaces do not count.',
  risk:
    'Without flow logs there is no record of which addresses talked to the VPC, so port scans, blocked intrusion ' +
    'attempts and data exfiltration go unnoticed and cannot be investigated afterwards.',
  remediation: {
    recommendation:
      'Create a flow log on every VPC with traffic type ALL (or at least REJECT), delivered to CloudWatch Logs or ' +
      'an S3 bucket with a retention that suits your investigations.',
    cli:
      'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL ' +
      '--log-destination-type s3 --log-destination arn:aws:s3:::<flow-log-bucket>',
    terraform:
      'resource "aws_flow_log" "vpc" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = "ALL"\n' +
      '  log_destination_type = "s3"\n  log_destination      = aws_s3_bucket.flow_logs.arn\n}',
    cloudformation:
      'VpcFlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref Vpc\n    ResourceType: VPC\n' +
      '    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: !GetAtt FlowLogBucket.Arn',
    console: 'VPC console → Your VPCs → select the VPC → Flow logs tab → Create flow log → Filter: All.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
  },
  evaluate(vpc) {
    const logs = vpc.attributes.flowLogs;
    const label = `VPC ${vpc.name}${vpc.attributes.isDefault ? ' (default)' : ''}`;
    const active = logs.filter((f) => f.status === 'ACTIVE');
    const capturing = active.filter((f) => f.trafficType === 'ALL' || f.trafficType === 'REJECT');
    const delivering = capturing.filter((f) => f.deliverLogsStatus !== 'FAILED');
    const first = delivering[0];
    if (first) {
      return {
        status: 'PASS',
        message: `${label} has flow log ${first.flowLogId} capturing ${first.trafficType} traffic to ${first.destinationType ?? 'its destination'}.`,
      };
    }
    if (capturing.length > 0) {
      return { status: 'FAIL', message: `${label} has flow log(s) ${capturing.map((f) => f.flowLogId).join(', ')} but their delivery is failing.` };
    }
    if (active.length > 0) {
      return { status: 'FAIL', message: `${label} has flow logs that capture accepted traffic only, not rejected traffic.` };
    }
    return { status: 'FAIL', message: `${label} has no active flow log.` };
  },
});
