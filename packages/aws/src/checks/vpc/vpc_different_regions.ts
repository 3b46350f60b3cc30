import { defineAwsCheck } from '../../context.ts';
import type { VpcAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<VpcAttributes>({
  id: 'vpc_different_regions',
  service: 'vpc',
  title: 'Custom VPCs exist in more than one region',
  severity: 'medium',
  resourceType: 'AwsEc2Vpc',
  requires: ['isDefault'],
  uses: { AwsEc2Vpc: ['isDefault'] },
  categories: ['resilience'],
  description:
    'For each non-default VPC, checks that the account has non-default VPCs in at least two of the scanned regions, ' +
    'a prerequisite for running workloads in more than one region. Only the regions of the scan are seen.',
  risk:
    'When all custom networks live in one region, a regional outage or a regional service disruption leaves no ' +
    'prepared network to fail over to.',
  remediation: {
    recommendation:
      'If the workload needs regional resilience, build an equivalent VPC (through infrastructure as code) in a ' +
      'second region and plan the failover; otherwise mute the finding.',
    cli: 'aws ec2 create-vpc --cidr-block 10.1.0.0/16 --region <second-region>',
    console: 'VPC console → switch to another region → Create VPC.',
    url: 'https://docs.aws.amazon.com/whitepapers/latest/aws-multi-region-fundamentals/aws-multi-region-fundamentals.html',
  },
  appliesTo: (vpc) => vpc.attributes.isDefault !== true,
  evaluate(vpc, ctx) {
    const regions = new Set(
      ctx.memo('regionsWithCustomVpcs', () =>
        ctx
          .related<VpcAttributes>('AwsEc2Vpc')
          .filter((v) => v.attributes.isDefault !== true)
          .map((v) => v.region),
      ),
    );
    regions.add(vpc.region);
    const list = [...regions].sort().join(', ');
    return regions.size > 1
      ? { status: 'PASS', message: `VPC ${vpc.name}: the account has custom VPCs in ${regions.size} regions (${list}).` }
      : { status: 'FAIL', message: `VPC ${vpc.name}: the account has custom VPCs in ${list} only among the scanned regions.` };
  },
});
