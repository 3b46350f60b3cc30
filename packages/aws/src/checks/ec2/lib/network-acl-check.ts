/**
 * The factory behind the "network ACL allows inbound … from the internet" checks (CIS 5.2).
 */
import type { Check, Severity } from '@vigil/engine';
import { defineAwsCheck } from '../../../context.ts';
import type { NetworkAclAttributes } from '../../../resources/ec2-network.ts';
import type { Traffic } from './network.ts';
import { describeNaclEntries, naclOpenIngress } from './network.ts';

export interface NetworkAclIngressCheckSpec {
  id: string;
  severity: Severity;
  traffic: Traffic;
  /** `all traffic`, `TCP port 22 (SSH)`. */
  what: string;
  risk: string;
}

export function defineNetworkAclIngressCheck(spec: NetworkAclIngressCheckSpec): Check {
  const portArgs =
    spec.traffic.protocol === 'all'
      ? '--protocol -1'
      : `--protocol ${spec.traffic.protocol === 'tcp' ? 6 : 17} --port-range From=${spec.traffic.port},To=${spec.traffic.port}`;
  return defineAwsCheck<NetworkAclAttributes>({
    id: spec.id,
    service: 'ec2',
    title: `Network ACL does not allow inbound ${spec.what} from the internet`,
    severity: spec.severity,
    resourceType: 'AwsEc2NetworkAcl',
    requires: ['vpcId', 'entries'],
    categories: ['internet-exposed'],
    description:
      `Evaluates the inbound entries of the network ACL in rule-number order, as AWS does, and checks that ` +
      `${spec.what} from 0.0.0.0/0 or ::/0 is denied before any entry allows it. Entries for narrower CIDR ` +
      'blocks neither open nor close the traffic for the whole internet and are not considered.',
    risk: `${spec.risk} Network ACLs are the subnet-level safety net: when they admit this traffic from anywhere, a single permissive security group exposes the instance.`,
    remediation: {
      recommendation:
        `Remove or narrow the network ACL entries that allow ${spec.what} from 0.0.0.0/0 or ::/0, or add a lower-numbered ` +
        'deny entry, and admit administration traffic only from known networks.',
      cli:
        `aws ec2 replace-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <n> ${portArgs} ` +
        '--cidr-block 10.0.0.0/16 --rule-action allow',
      terraform:
        'resource "aws_network_acl_rule" "admin" {\n  network_acl_id = aws_network_acl.main.id\n  rule_number    = 100\n' +
        '  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "10.0.0.0/16" # not 0.0.0.0/0\n' +
        `  from_port      = ${spec.traffic.protocol === 'all' ? 22 : spec.traffic.port}\n  to_port        = ${spec.traffic.protocol === 'all' ? 22 : spec.traffic.port}\n}`,
      console:
        'VPC console → Network ACLs → select the ACL → Inbound rules → Edit inbound rules → narrow the source of the ' +
        'rules allowing 0.0.0.0/0 or ::/0, or add a deny rule with a lower number.',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    },
    evaluate(acl) {
      const open = naclOpenIngress(acl.attributes.entries, spec.traffic);
      const label = `Network ACL ${acl.name} of ${acl.attributes.vpcId}`;
      return open.length > 0
        ? { status: 'FAIL', message: `${label} allows inbound ${spec.what} from the internet: ${describeNaclEntries(open)}.` }
        : { status: 'PASS', message: `${label} does not allow inbound ${spec.what} from 0.0.0.0/0 or ::/0.` };
    },
  });
}
