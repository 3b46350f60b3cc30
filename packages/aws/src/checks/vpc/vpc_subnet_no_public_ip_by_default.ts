import { defineAwsCheck } from '../../context.ts';
import type { SubnetAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<SubnetAttributes>({
  id: 'vpc_subnet_no_public_ip_by_default',
  service: 'vpc',
  title: 'Subnet does not assign public IPv4 addresses to instances by default',
  severity: 'high',
  resourceType: 'AwsEc2Subnet',
  requires: ['mapPublicIpOnLaunch', 'vpcId'],
  categories: ['internet-exposed'],
  description:
    'Checks that the subnet setting "auto-assign public IPv4 address" (MapPublicIpOnLaunch) is off, so instances ' +
    'launched in it get a public address only when explicitly asked for. Default subnets have it on.',
  risk:
    'Every instance launched in the subnet becomes reachable from the internet as soon as a security group allows ' +
    'it, often without its owner realising it has a public address.',
  remediation: {
    recommendation:
      'Turn off auto-assignment of public IPv4 addresses on the subnet; request a public address or an Elastic IP ' +
      'explicitly for the few instances that need one, or publish them behind a load balancer.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch',
    terraform: 'resource "aws_subnet" "private" {\n  vpc_id                  = aws_vpc.main.id\n  cidr_block              = "10.0.1.0/24"\n  map_public_ip_on_launch = false\n}',
    console: 'VPC console → Subnets → select the subnet → Actions → Edit subnet settings → clear "Enable auto-assign public IPv4 address".',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html',
  },
  evaluate(subnet) {
    const label = `Subnet ${subnet.name} of ${subnet.attributes.vpcId}`;
    return subnet.attributes.mapPublicIpOnLaunch
      ? { status: 'FAIL', message: `${label} assigns a public IPv4 address to every instance launched in it.` }
      : { status: 'PASS', message: `${label} does not assign public IPv4 addresses by default.` };
  },
});
