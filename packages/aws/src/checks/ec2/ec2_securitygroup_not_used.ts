import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<SecurityGroupAttributes>({
  id: 'ec2_securitygroup_not_used',
  service: 'ec2',
  title: 'Security group is attached to a network interface or referenced by another group',
  severity: 'low',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupId', 'groupName', 'isDefault', 'networkInterfaceIds'],
  uses: { AwsEc2SecurityGroup: ['groupId', 'ingressRules', 'egressRules'] },
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
    // Group id → names of the other groups whose rules reference it, built once per account.
    const references = ctx.memo('references', () => {
      const index = new Map<string, string[]>();
      for (const other of ctx.related<SecurityGroupAttributes>('AwsEc2SecurityGroup')) {
        const ids = new Set<string>();
        for (const r of [...(other.attributes.ingressRules ?? []), ...(other.attributes.egressRules ?? [])]) {
          for (const g of r.groups) if (g.groupId && g.groupId !== other.attributes.groupId) ids.add(g.groupId);
        }
        for (const id of ids) index.set(id, [...(index.get(id) ?? []), other.name]);
      }
      return index;
    });
    const referencedBy = references.get(sg.attributes.groupId) ?? [];
    return referencedBy.length > 0
      ? { status: 'PASS', message: `${label} has no network interface but is referenced by ${referencedBy.slice(0, 3).join(', ')}.` }
      : { status: 'FAIL', message: `${label} is not attached to any network interface nor referenced by another group.` };
  },
});
