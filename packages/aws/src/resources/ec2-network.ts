/**
 * Attribute shapes of EC2 networking and VPC resources, as the `network-*` EC2 collectors
 * produce them: security groups, network ACLs, VPCs, subnets and VPC peering connections.
 *
 * Protocols are normalised the same way everywhere: `all` (AWS `-1`), `tcp`, `udp`, `icmp`,
 * `icmpv6`, or the IP protocol number as a string for anything else (`47` for GRE…).
 * Port ranges are `null` when the rule covers every port of its protocol.
 */

/** `all`, `tcp`, `udp`, `icmp`, `icmpv6` or an IP protocol number (`"47"`). */
export type NetworkProtocol = string;

/** One IP permission of a security group (one inbound or outbound rule set). */
export interface SecurityGroupRule {
  protocol: NetworkProtocol;
  /**
   * First port of the range for TCP/UDP, or the ICMP type for ICMP; `null` when the rule
   * covers every port (protocol `all`, other protocols, or an ICMP "all types" rule).
   */
  fromPort: number | null;
  /** Last port of the range for TCP/UDP, or the ICMP code for ICMP; `null` as for `fromPort`. */
  toPort: number | null;
  /** IPv4 CIDR blocks the rule allows (source for inbound, destination for outbound). */
  ipv4Ranges: string[];
  /** IPv6 CIDR blocks the rule allows. */
  ipv6Ranges: string[];
  /** Security groups the rule references. */
  groups: SecurityGroupReference[];
  /** Managed prefix lists the rule references (`pl-…`). */
  prefixListIds: string[];
}

export interface SecurityGroupReference {
  groupId: string;
  /** Account owning the referenced group, when AWS reports it. */
  userId?: string;
  vpcId?: string;
  /** Set when the group is reached through a VPC peering connection. */
  vpcPeeringConnectionId?: string;
}

/** `AwsEc2SecurityGroup`: one per security group and region. */
export interface SecurityGroupAttributes {
  groupId: string;
  groupName: string;
  description: string;
  /** `null` only for groups outside any VPC (EC2-Classic, retired). */
  vpcId: string | null;
  ownerId: string;
  /** True for the `default` group AWS creates in every VPC. */
  isDefault: boolean;
  ingressRules: SecurityGroupRule[];
  egressRules: SecurityGroupRule[];
  /** Network interfaces in the region that use the group (enrichment: DescribeNetworkInterfaces). */
  networkInterfaceIds: string[];
}

/** One entry (numbered rule) of a network ACL. */
export interface NetworkAclEntry {
  /** 1–32766 for user rules; 32767 for the final implicit "*" rule. */
  ruleNumber: number;
  egress: boolean;
  action: 'allow' | 'deny';
  protocol: NetworkProtocol;
  /** Port range for TCP/UDP; `null` when the entry covers every port. */
  fromPort: number | null;
  toPort: number | null;
  cidrIpv4: string | null;
  cidrIpv6: string | null;
}

/** `AwsEc2NetworkAcl`: one per network ACL and region. */
export interface NetworkAclAttributes {
  networkAclId: string;
  vpcId: string;
  ownerId: string;
  /** True for the VPC's default network ACL. */
  isDefault: boolean;
  entries: NetworkAclEntry[];
  /** Subnets the ACL is associated with. */
  associatedSubnetIds: string[];
}

/** A VPC flow log that publishes the traffic of a VPC. */
export interface VpcFlowLog {
  flowLogId: string;
  /** `ACTIVE` when the flow log exists and is publishing. */
  status: string;
  /** `ACCEPT`, `REJECT` or `ALL`; `null` for flow logs with a custom format only. */
  trafficType: string | null;
  /** `cloud-watch-logs`, `s3` or `kinesis-data-firehose`. */
  destinationType: string | null;
  /** ARN of the destination (log group, bucket, stream), or the log group name. */
  destination: string | null;
  /** `SUCCESS` or `FAILED`: whether the last delivery worked. */
  deliverLogsStatus: string | null;
}

/** `AwsEc2Vpc`: one per VPC and region. */
export interface VpcAttributes {
  vpcId: string;
  ownerId: string;
  isDefault: boolean;
  /** `pending` or `available`. */
  state: string;
  /** Every associated IPv4 CIDR block (primary first). */
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
  /** Flow logs attached to the VPC itself (enrichment: DescribeFlowLogs, one listing per region). */
  flowLogs: VpcFlowLog[];
}

/** `AwsEc2Subnet`: one per subnet and region. */
export interface SubnetAttributes {
  subnetId: string;
  vpcId: string;
  ownerId: string;
  availabilityZone: string;
  availabilityZoneId: string | null;
  cidrBlock: string | null;
  ipv6CidrBlocks: string[];
  /** Instances launched in the subnet get a public IPv4 address by default. */
  mapPublicIpOnLaunch: boolean;
  /** Network interfaces created in the subnet get an IPv6 address by default. */
  assignIpv6AddressOnCreation: boolean;
  /** The default subnet of its Availability Zone (in the default VPC). */
  defaultForAz: boolean;
  state: string;
}

/** One side of a VPC peering connection. */
export interface PeeringVpcInfo {
  vpcId: string | null;
  ownerId: string | null;
  region: string | null;
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
}

/** A route of a route table in the region that sends traffic through a peering connection. */
export interface PeeringRoute {
  routeTableId: string;
  /** VPC of the route table. */
  vpcId: string;
  /** Destination CIDR block (IPv4 or IPv6) or prefix list id. */
  destination: string;
  destinationType: 'ipv4' | 'ipv6' | 'prefix-list';
  /** `active` or `blackhole`. */
  state: string | null;
}

/** `AwsEc2VpcPeeringConnection`: one per peering connection and region where it is listed. */
export interface VpcPeeringConnectionAttributes {
  peeringConnectionId: string;
  /** `active`, `pending-acceptance`, `deleted`, `rejected`, `expired`… */
  status: string;
  requester: PeeringVpcInfo;
  accepter: PeeringVpcInfo;
  /**
   * Routes of this region's route tables whose target is the connection (enrichment:
   * DescribeRouteTables, one listing per region).
   */
  routes: PeeringRoute[];
}

const PROTOCOL_NAMES: Record<string, NetworkProtocol> = {
  '-1': 'all',
  all: 'all',
  '6': 'tcp',
  tcp: 'tcp',
  '17': 'udp',
  udp: 'udp',
  '1': 'icmp',
  icmp: 'icmp',
  '58': 'icmpv6',
  icmpv6: 'icmpv6',
};

/** Normalises an EC2 protocol (`-1`, `tcp`, `6`, `icmpv6`…) to the names above. */
export function normaliseProtocol(protocol: string | undefined): NetworkProtocol {
  const p = (protocol ?? '-1').trim().toLowerCase();
  return PROTOCOL_NAMES[p] ?? p;
}

