import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<SecurityGroupAttributes>({
  id: 'ec2_securitygroup_not_used',
  service: 'ec2',
  title: 'Security group is attached to a network interface or referenced by another group',
  severity: 'low',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupName', 'isDefault', 'networkInterfaceIds'],
  uses: { AwsEc2SecurityGroup: ['ingressRules', 'egressRules'] },
  categories: ['trust-boundaries'],
  description:
    'Checks that the security group is in use: attached to at least one network interface in its region (which ' +
    'covers instances, load balancers, Lambda functions, RDS and other VPC services) or referenced by a rule of ' +
    'another security group of the account. Default groups, which cannot be deleted, are skipped.',
  risk:
    'Unused groups clutter the account and make reviews harder; a permissive unused group is a ready-made hole ' +
    'that anyone launching a resource can attach by mistake.',
  remediation: {
    recommendation:
      'Confirm the group is not needed (launch templates and infrastructure code may still name it) and delete it.',
    cli: 'aws ec2 delete-security-group --group-id <sg-id>',
    console: 'EC2 console → Security Groups → select the group → Actions → Delete security groups.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/deleting-security-groups.html',
  },
  appliesTo: (sg) => sg.attributes.isDefault !== true,
  evaluate(sg, ctx) {
    const label = `Security group ${sg.name} (${sg.attributes.groupName})`;
    const enis = sg.attributes.networkInterfaceIds;
    if (enis.length > 0) {
      return { status: 'PASS', message: `${label} is attached to ${enis.length} network interface(s).` };
    }
    const referencedBy = ctx
      .related<SecurityGroupAttributes>('AwsEc2SecurityGroup')
      .filter(
        (other) =>
          other.id !== sg.id &&
          [...(other.attributes.ingressRules ?? []), ...(other.attributes.egressRules ?? [])].some((r) =>
            r.groups.some((g) => g.groupId === sg.attributes.groupId),
          ),
      )
      .map((other) => other.name);
    return referencedBy.length > 0
      ? { status: 'PASS', message: `${label} has no network interface but is referenced by ${referencedBy.slice(0, 3).join(', ')}.` }
      : { status: 'FAIL', message: `${label} is not attached to any network interface nor referenced by another group.` };
  },
});
