import type { FakeHandler, FakeRequest } from '@vigil/aws/testing/fake-aws';
import { toXml } from '@vigil/aws/testing/fake-aws';

/** A simulated EC2 network estate (the same in every region), answered page by page like the real API. */
export interface Ec2EstateSize {
  vpcsPerRegion: number;
  securityGroupsPerVpc: number;
  naclsPerVpc: number;
  subnetsPerVpc: number;
  pageSize?: number;
}

function paged<T>(items: T[], req: FakeRequest, pageSize: number): { page: T[]; nextToken?: string } {
  const start = Number(req.params.NextToken ?? 0);
  const size = Math.min(pageSize, Number(req.params.MaxResults ?? pageSize));
  const page = items.slice(start, start + size);
  return start + size < items.length ? { page, nextToken: String(start + size) } : { page };
}

const tags = (name: string) => [{ key: 'Name', value: name }, { key: 'team', value: 'platform' }];

export function ec2Estate(size: Ec2EstateSize, account = '123456789012'): Record<string, FakeHandler> {
  const pageSize = size.pageSize ?? 500;
  const vpcs = Array.from({ length: size.vpcsPerRegion }, (_, v) => `vpc-${String(v).padStart(8, '0')}`);
  const groups = vpcs.flatMap((vpcId, v) =>
    Array.from({ length: size.securityGroupsPerVpc }, (_, g) => {
      const open = g % 7 === 0;
      return {
        ownerId: account,
        groupId: `sg-${v.toString(16).padStart(6, '0')}${g.toString(16).padStart(6, '0')}`,
        groupName: g === 0 ? 'default' : `app-${v}-${g}`,
        groupDescription: 'application tier',
        vpcId,
        ipPermissions: [
          { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
          { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidrIp: open ? '0.0.0.0/0' : '10.0.0.0/8' }] },
          ...(g % 11 === 0 ? [{ ipProtocol: '-1', ipv6Ranges: [{ cidrIpv6: '::/0' }] }] : []),
        ],
        ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }],
        tagSet: tags(`sg-${v}-${g}`),
      };
    }),
  );
  const nacls = vpcs.flatMap((vpcId, v) =>
    Array.from({ length: size.naclsPerVpc }, (_, n) => ({
      networkAclId: `acl-${v.toString(16).padStart(6, '0')}${n.toString(16).padStart(4, '0')}`,
      vpcId,
      default: n === 0,
      ownerId: account,
      entrySet: [
        { ruleNumber: 100, protocol: '-1', ruleAction: n === 0 ? 'allow' : 'deny', egress: false, cidrBlock: '0.0.0.0/0' },
        { ruleNumber: 32767, protocol: '-1', ruleAction: 'deny', egress: false, cidrBlock: '0.0.0.0/0' },
        { ruleNumber: 100, protocol: '-1', ruleAction: 'allow', egress: true, cidrBlock: '0.0.0.0/0' },
      ],
      associationSet: [],
      tagSet: tags(`acl-${v}-${n}`),
    })),
  );
  const subnets = vpcs.flatMap((vpcId, v) =>
    Array.from({ length: size.subnetsPerVpc }, (_, s) => ({
      subnetId: `subnet-${v.toString(16).padStart(6, '0')}${s.toString(16).padStart(4, '0')}`,
      vpcId,
      cidrBlock: `10.${v % 256}.${s}.0/24`,
      availabilityZone: 'us-east-1a',
      state: 'available',
      mapPublicIpOnLaunch: s % 3 === 0,
      ownerId: account,
      tagSet: tags(`subnet-${v}-${s}`),
    })),
  );
  const vpcItems = vpcs.map((vpcId, v) => ({ vpcId, state: 'available', cidrBlock: `10.${v % 256}.0.0/16`, isDefault: v === 0, ownerId: account, tagSet: tags(vpcId) }));
  const flowLogs = vpcs
    .filter((_, v) => v % 2 === 0)
    .map((vpcId, i) => ({ flowLogId: `fl-${i}`, resourceId: vpcId, flowLogStatus: 'ACTIVE', trafficType: 'ALL', logDestinationType: 'cloud-watch-logs' }));

  const list =
    <T>(items: T[], setName: string): FakeHandler =>
    (req) => {
      const { page, nextToken } = paged(items, req, pageSize);
      return toXml({ [setName]: page, ...(nextToken ? { nextToken } : {}) });
    };
  return {
    'ec2:DescribeVpcs': list(vpcItems, 'vpcSet'),
    'ec2:DescribeSecurityGroups': list(groups, 'securityGroupInfo'),
    'ec2:DescribeNetworkAcls': list(nacls, 'networkAclSet'),
    'ec2:DescribeSubnets': list(subnets, 'subnetSet'),
    'ec2:DescribeFlowLogs': list(flowLogs, 'flowLogSet'),
    'ec2:DescribeNetworkInterfaces': list([], 'networkInterfaceSet'),
    'ec2:DescribeRouteTables': list([], 'routeTableSet'),
    'ec2:DescribeVpcPeeringConnections': list([], 'vpcPeeringConnectionSet'),
  };
}
