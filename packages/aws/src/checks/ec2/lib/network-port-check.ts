/**
 * The factory behind the "security group allows TCP port P from the internet" checks: each
 * check file names its ports and the software behind them, the decision is `openTcpPorts`.
 */
import type { Check, Severity } from '@vigil/engine';
import { defineAwsCheck } from '../../../context.ts';
import type { SecurityGroupAttributes } from '../../../resources/ec2-network.ts';
import { describeOpenings, openTcpPorts } from './network.ts';

export interface SecurityGroupPortCheckSpec {
  id: string;
  /** What listens on the ports, for titles and messages: `SSH`, `MySQL`, `Elasticsearch/Kibana`. */
  software: string;
  /** TCP ports, in the order they are named. */
  ports: readonly number[];
  severity: Severity;
  /** One sentence on what an attacker gains from reaching the software. */
  risk: string;
  categories?: readonly string[];
}

const URL = 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html';

/** Lists ports for titles: `22`, `20 and 21`, `9200, 9300 and 5601`. */
export function listPorts(ports: readonly number[]): string {
  if (ports.length <= 1) return ports.map(String).join('');
  return `${ports.slice(0, -1).join(', ')} and ${ports[ports.length - 1]}`;
}

/** Defines a check that FAILs a security group opening any of `ports` (TCP) to 0.0.0.0/0 or ::/0. */
export function defineSecurityGroupPortCheck(spec: SecurityGroupPortCheckSpec): Check {
  const portsText = listPorts(spec.ports);
  const plural = spec.ports.length > 1 ? 'ports' : 'port';
  const first = spec.ports[0] ?? 0;
  return defineAwsCheck<SecurityGroupAttributes>({
    id: spec.id,
    service: 'ec2',
    title: `Security group does not allow inbound TCP ${plural} ${portsText} (${spec.software}) from the internet`,
    severity: spec.severity,
    resourceType: 'AwsEc2SecurityGroup',
    requires: ['groupName', 'ingressRules'],
    categories: spec.categories ?? ['internet-exposed'],
    description:
      `Checks every inbound rule of the security group for one that accepts TCP ${plural} ${portsText} ` +
      `(${spec.software}) from 0.0.0.0/0 or ::/0, whether through a single port, a port range that contains ` +
      'it, or an "all traffic" rule.',
    risk: `${spec.risk} Services exposed to the whole internet are found by automated scanners within minutes.`,
    remediation: {
      recommendation:
        `Remove the inbound rules that allow TCP ${plural} ${portsText} from 0.0.0.0/0 and ::/0. Allow only the ` +
        'CIDR blocks or security groups of the clients that need the service, or reach it through a VPN, ' +
        'AWS Systems Manager Session Manager, a bastion or a load balancer.',
      cli:
        `aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions ` +
        `'IpProtocol=tcp,FromPort=${first},ToPort=${first},IpRanges=[{CidrIp=0.0.0.0/0}]' ` +
        `'IpProtocol=tcp,FromPort=${first},ToPort=${first},Ipv6Ranges=[{CidrIpv6=::/0}]'`,
      terraform:
        'resource "aws_vpc_security_group_ingress_rule" "service" {\n' +
        '  security_group_id = aws_security_group.example.id\n' +
        `  ip_protocol       = "tcp"\n  from_port         = ${first}\n  to_port           = ${first}\n` +
        '  cidr_ipv4         = "10.0.0.0/16" # the clients that need it, never 0.0.0.0/0\n}',
      console:
        'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → delete or ' +
        `narrow the rules whose source is 0.0.0.0/0 or ::/0 and whose port range includes ${portsText}.`,
      url: URL,
    },
    evaluate(sg) {
      const open = openTcpPorts(sg.attributes.ingressRules, spec.ports);
      const label = `Security group ${sg.name} (${sg.attributes.groupName})`;
      return open.length > 0
        ? {
            status: 'FAIL',
            message: `${label} allows ${spec.software} traffic from the internet: ${describeOpenings(open)}.`,
          }
        : {
            status: 'PASS',
            message: `${label} does not allow TCP ${plural} ${portsText} (${spec.software}) from 0.0.0.0/0 or ::/0.`,
          };
    },
  });
}
