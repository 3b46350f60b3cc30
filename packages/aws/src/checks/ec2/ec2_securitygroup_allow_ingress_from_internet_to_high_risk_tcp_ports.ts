import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';
import { describeOpenings, openTcpPorts } from './lib/network.ts';

/** Ports commonly abused when exposed: SMTP, POP3, MS RPC, IMAP, SMB and popular development/admin servers. */
export const DEFAULT_HIGH_RISK_TCP_PORTS = [25, 110, 135, 143, 445, 3000, 4333, 5000, 5500, 8080, 8088];

const options = z.object({
  ports: z.array(z.number().int().min(0).max(65535)).min(1).default(DEFAULT_HIGH_RISK_TCP_PORTS),
});

export default defineAwsCheck<SecurityGroupAttributes, typeof options>({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports',
  service: 'ec2',
  title: 'Security group does not allow inbound high-risk TCP ports from the internet',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupName', 'ingressRules'],
  categories: ['internet-exposed'],
  options,
  description:
    `Checks that no inbound rule of the security group accepts, from 0.0.0.0/0 or ::/0, a TCP port from a list of ` +
    `ports that are often abused when exposed (by default ${DEFAULT_HIGH_RISK_TCP_PORTS.join(', ')}: mail, RPC, ` +
    'SMB and common development or admin servers). The list is the `ports` option.',
  risk:
    'Mail relays, RPC endpoints, file sharing and development servers are rarely hardened for the internet; ' +
    'exposing them invites spam relaying, credential attacks and exploitation of unpatched software.',
  remediation: {
    recommendation:
      'Remove the inbound rules that open these ports to 0.0.0.0/0 or ::/0, or narrow their sources to the ' +
      'networks that need them.',
    cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=8080,ToPort=8080,IpRanges=[{CidrIp=0.0.0.0/0}]'",
    console:
      'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → remove or narrow ' +
      'rules whose source is 0.0.0.0/0 or ::/0 on these ports.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  evaluate(sg, ctx) {
    const open = openTcpPorts(sg.attributes.ingressRules, ctx.options.ports);
    const label = `Security group ${sg.name} (${sg.attributes.groupName})`;
    if (open.length === 0) {
      return { status: 'PASS', message: `${label} does not open any high-risk TCP port to 0.0.0.0/0 or ::/0.` };
    }
    const ports = [...new Set(open.map((o) => o.port))];
    return {
      status: 'FAIL',
      message: `${label} opens high-risk TCP port(s) ${ports.join(', ')} to the internet: ${describeOpenings(open)}.`,
    };
  },
});
