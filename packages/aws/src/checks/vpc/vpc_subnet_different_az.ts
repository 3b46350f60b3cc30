import { defineAwsCheck } from '../../context.ts';
import type { SubnetAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<SubnetAttributes>({
  id: 'vpc_subnet_different_az',
  service: 'vpc',
  title: "Subnet's VPC has subnets in more than one Availability Zone",
  severity: 'medium',
  resourceType: 'AwsEc2Subnet',
  requires: ['vpcId', 'availabilityZone'],
  uses: { AwsEc2Subnet: ['vpcId', 'availabilityZone'] },
  categories: ['resilience'],
  description:
    'Checks that the VPC the subnet belongs to has subnets in at least two Availability Zones, so that workloads ' +
    'placed in it can be spread across zones.',
  risk:
    'A VPC whose subnets all sit in one Availability Zone cannot host a multi-AZ deployment: a zone outage takes ' +
    'down everything in it.',
  remediation: {
    recommendation: 'Create subnets in at least two Availability Zones of the region and spread the workload across them.',
    cli: 'aws ec2 create-subnet --vpc-id <vpc-id> --cidr-block 10.0.2.0/24 --availability-zone <other-az>',
    console: 'VPC console → Subnets → Create subnet → choose the VPC and another Availability Zone.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html',
  },
  evaluate(subnet, ctx) {
    const { vpcId } = subnet.attributes;
    const zonesByVpc = ctx.memo('zonesByVpc', () => {
      const index = new Map<string, Set<string>>();
      for (const s of ctx.related<SubnetAttributes>('AwsEc2Subnet')) {
        const key = `${s.region}|${s.attributes.vpcId}`;
        const zones = index.get(key) ?? new Set<string>();
        zones.add(s.attributes.availabilityZone);
        index.set(key, zones);
      }
      return index;
    });
    const zones = new Set(zonesByVpc.get(`${subnet.region}|${vpcId}`));
    zones.add(subnet.attributes.availabilityZone);
    const list = [...zones].sort().join(', ');
    return zones.size > 1
      ? { status: 'PASS', message: `Subnet ${subnet.name}: ${vpcId} has subnets in ${zones.size} Availability Zones (${list}).` }
      : { status: 'FAIL', message: `Subnet ${subnet.name}: ${vpcId} has subnets in a single Availability Zone (${list}).` };
  },
});
