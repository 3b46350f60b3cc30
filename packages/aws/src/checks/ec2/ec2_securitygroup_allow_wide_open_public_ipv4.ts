import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes, SecurityGroupRule } from '../../resources/ec2-network.ts';
import { isPublicIpv4Cidr, prefixLength } from './lib/network.ts';

const options = z.object({
  /** Public IPv4 blocks shorter than this prefix (larger than a /24 by default) are "wide open". */
  minPrefixLength: z.number().int().min(1).max(32).default(24),
});

export default defineAwsCheck<SecurityGroupAttributes, typeof options>({
  id: 'ec2_securitygroup_allow_wide_open_public_ipv4',
  service: 'ec2',
  title: 'Security group rules do not allow wide public IPv4 ranges',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupName', 'ingressRules', 'egressRules'],
  categories: ['internet-exposed'],
  options,
  description:
    'Checks the inbound and outbound rules of the security group for public (globally routable) IPv4 CIDR blocks ' +
    'larger than a /24 (option `minPrefixLength`), such as 52.0.0.0/8. 0.0.0.0/0 is left to the "from internet" ' +
    'checks; private, shared and reserved ranges are ignored.',
  risk:
    'A broad public range admits thousands to millions of addresses that belong to other organisations or to ' +
    'whole cloud regions, so anyone renting an address there can reach the instances or receive their traffic.',
  remediation: {
    recommendation:
      'Replace broad public CIDR blocks with the exact addresses of the partners or services involved (at most a ' +
      '/24), a managed prefix list, or a security group reference.',
    cli: 'aws ec2 modify-security-group-rules --group-id <sg-id> --security-group-rules \'SecurityGroupRuleId=<sgr-id>,SecurityGroupRule={IpProtocol=tcp,FromPort=443,ToPort=443,CidrIpv4=203.0.113.10/32}\'',
    console:
      'EC2 console → Security Groups → select the group → Inbound/Outbound rules → Edit → narrow the public CIDR ' +
      'blocks to the exact addresses needed.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  evaluate(sg, ctx) {
    const min = ctx.options.minPrefixLength;
    const wide = (rules: SecurityGroupRule[]) =>
      rules.flatMap((r) =>
        r.ipv4Ranges.filter((c) => {
          const len = prefixLength(c);
          return len !== undefined && len > 0 && len < min && isPublicIpv4Cidr(c);
        }),
      );
    const inbound = [...new Set(wide(sg.attributes.ingressRules))];
    const outbound = [...new Set(wide(sg.attributes.egressRules))];
    const label = `Security group ${sg.name} (${sg.attributes.groupName})`;
    if (inbound.length === 0 && outbound.length === 0) {
      return { status: 'PASS', message: `${label} has no rule with a public IPv4 range wider than /${min}.` };
    }
    const parts = [
      ...(inbound.length ? [`inbound from ${inbound.join(', ')}`] : []),
      ...(outbound.length ? [`outbound to ${outbound.join(', ')}`] : []),
    ];
    return { status: 'FAIL', message: `${label} allows wide public IPv4 ranges: ${parts.join('; ')}.` };
  },
});
