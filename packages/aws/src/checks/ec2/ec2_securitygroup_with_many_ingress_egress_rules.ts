import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';
import { countRules } from './lib/network.ts';

const options = z.object({ maxRules: z.number().int().min(1).max(1000).default(50) });

export default defineAwsCheck<SecurityGroupAttributes, typeof options>({
  id: 'ec2_securitygroup_with_many_ingress_egress_rules',
  service: 'ec2',
  title: 'Security group has at most 50 inbound and outbound rules',
  severity: 'medium',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupName', 'ingressRules', 'egressRules'],
  categories: ['trust-boundaries'],
  options,
  description:
    'Counts the rules of the security group the way AWS does against its quota (one per CIDR block, prefix list ' +
    'or referenced group, inbound plus outbound) and checks the total does not exceed 50 (option `maxRules`).',
  risk:
    'Groups with a great many rules are hard to review, so overly permissive or stale entries go unnoticed; they ' +
    'also approach the per-group quota, which blocks urgent changes.',
  remediation: {
    recommendation:
      'Split the group by purpose, replace long lists of CIDR blocks with managed prefix lists or security group ' +
      'references, and remove rules that are no longer needed.',
    cli: 'aws ec2 create-managed-prefix-list --prefix-list-name partners --address-family IPv4 --max-entries 100 --entries Cidr=203.0.113.0/24',
    console:
      'EC2 console → Security Groups → select the group → review Inbound and Outbound rules; VPC console → Managed ' +
      'prefix lists to group CIDR blocks.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups',
  },
  evaluate(sg, ctx) {
    const inbound = countRules(sg.attributes.ingressRules);
    const outbound = countRules(sg.attributes.egressRules);
    const total = inbound + outbound;
    const max = ctx.options.maxRules;
    const label = `Security group ${sg.name} (${sg.attributes.groupName})`;
    return total <= max
      ? { status: 'PASS', message: `${label} has ${total} rules (${inbound} inbound, ${outbound} outbound), within ${max}.` }
      : { status: 'FAIL', message: `${label} has ${total} rules (${inbound} inbound, ${outbound} outbound), more than ${max}.` };
  },
});
