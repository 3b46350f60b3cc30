import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';
import { describeOpenings, openTcpPorts } from './lib/network.ts';

/** NetBIOS session service and SMB over TCP. */
const CIFS_PORTS = [139, 445];

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_port_cifs_exposed_to_internet',
  service: 'ec2',
  title: 'EC2 instances do not allow CIFS/SMB (TCP 139, 445) from the internet',
  severity: 'critical',
  resourceType: 'AwsEc2Instance',
  requires: ['securityGroupIds', 'publicIp'],
  uses: { AwsEc2SecurityGroup: ['groupId', 'ingressRules'] },
  categories: ['internet-exposed'],
  description:
    'Checks the security groups attached to each instance for inbound rules that open TCP port 139 or 445 (CIFS/SMB file sharing) to 0.0.0.0/0 or ::/0. The finding says whether the instance also has a public IP address.',
  risk:
    'SMB is a favourite target of worms and ransomware (EternalBlue, WannaCry) and of password spraying; exposing it to the internet invites remote code execution and data theft from file shares.',
  remediation: {
    recommendation:
      'Remove the internet-wide inbound rules for TCP 139 and 445 and allow them only from the trusted networks or security groups that need file sharing; reach remote shares over a VPN or Direct Connect.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=0.0.0.0/0}]',
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "smb" {\n  security_group_id            = aws_security_group.files.id\n  referenced_security_group_id = aws_security_group.clients.id\n  ip_protocol                  = "tcp"\n  from_port                    = 445\n  to_port                      = 445\n}',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  evaluate(instance, ctx) {
    const byId = ctx.memo('groupsById', () => {
      const all = ctx.related<SecurityGroupAttributes>('AwsEc2SecurityGroup');
      const index = new Map<string, (typeof all)[number]>();
      for (const g of all) index.set(`${g.region}|${g.attributes.groupId}`, g);
      return index;
    });
    const groups = [...new Set(instance.attributes.securityGroupIds)]
      .map((id) => byId.get(`${instance.region}|${id}`))
      .filter((g) => g !== undefined);
    const open = groups
      .map((g) => ({ groupId: g.attributes.groupId, openings: openTcpPorts(g.attributes.ingressRules, CIFS_PORTS) }))
      .filter((g) => g.openings.length > 0);
    if (open.length === 0) {
      return { status: 'PASS', message: `EC2 instance ${instance.name} has no security group opening CIFS ports 139/445 to the internet.` };
    }
    const through = open.map((g) => `${g.groupId} (${describeOpenings(g.openings)})`).join('; ');
    const ip = instance.attributes.publicIp;
    return {
      status: 'FAIL',
      message: ip
        ? `EC2 instance ${instance.name} has public IP ${ip} and allows CIFS from the internet through ${through}.`
        : `EC2 instance ${instance.name} allows CIFS from the internet through ${through}, though it has no public IP address.`,
    };
  },
});
