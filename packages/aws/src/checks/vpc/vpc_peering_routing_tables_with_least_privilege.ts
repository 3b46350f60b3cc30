import { defineAwsCheck } from '../../context.ts';
import type { PeeringRoute, PeeringVpcInfo, VpcPeeringConnectionAttributes } from '../../resources/ec2-network.ts';
import { cidrContains, isAnyAddress } from '../ec2/lib/network.ts';

/** The side of the connection a route leads to: the other VPC than the route table's. */
function peerOf(route: PeeringRoute, c: VpcPeeringConnectionAttributes): PeeringVpcInfo[] {
  if (route.vpcId && route.vpcId === c.requester.vpcId) return [c.accepter];
  if (route.vpcId && route.vpcId === c.accepter.vpcId) return [c.requester];
  return [c.requester, c.accepter];
}

export default defineAwsCheck<VpcPeeringConnectionAttributes>({
  id: 'vpc_peering_routing_tables_with_least_privilege',
  service: 'vpc',
  title: 'Routes through VPC peering connections target only the peer subnets that need to be reached',
  severity: 'medium',
  resourceType: 'AwsEc2VpcPeeringConnection',
  requires: ['status', 'requester', 'accepter', 'routes'],
  categories: ['trust-boundaries', 'internet-exposed'],
  description:
    "Looks at every route in the region's route tables whose target is the active peering connection and fails " +
    'when one sends a whole peer VPC CIDR block (or more, up to 0.0.0.0/0 or ::/0) through it. Routes to narrower ' +
    'blocks pass; routes to a managed prefix list need a manual review. Routes kept in another account or region ' +
    'are evaluated with that account or region.',
  risk:
    'Routing the whole peer VPC, or everything, through a peering connection lets every subnet on one side reach ' +
    'every host on the other, widening the blast radius of a compromise well beyond the few systems that need to talk.',
  remediation: {
    recommendation:
      'Replace routes to the whole peer VPC CIDR with routes to the specific subnets (or hosts) that must be ' +
      'reached, and keep security groups and network ACLs tight on both sides.',
    cli:
      'aws ec2 delete-route --route-table-id <rtb-id> --destination-cidr-block <peer-vpc-cidr>\n' +
      'aws ec2 create-route --route-table-id <rtb-id> --destination-cidr-block <peer-subnet-cidr> --vpc-peering-connection-id <pcx-id>',
    terraform:
      'resource "aws_route" "to_peer_db" {\n  route_table_id            = aws_route_table.app.id\n' +
      '  destination_cidr_block    = "10.1.20.0/24" # the peer subnet, not the peer VPC\n' +
      '  vpc_peering_connection_id = aws_vpc_peering_connection.peer.id\n}',
    console: 'VPC console → Route tables → routes with target pcx-… → Edit routes → narrow the destination to the peer subnets needed.',
    url: 'https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html',
  },
  appliesTo: (pcx) => pcx.attributes.status === 'active',
  evaluate(pcx) {
    const c = pcx.attributes;
    const label = `VPC peering connection ${pcx.name} (${c.requester.vpcId ?? '?'} ↔ ${c.accepter.vpcId ?? '?'})`;
    if (c.routes.length === 0) {
      return { status: 'PASS', message: `${label} is not the target of any route in ${pcx.region}.` };
    }
    const broad: string[] = [];
    const review: string[] = [];
    for (const route of c.routes) {
      const where = `${route.routeTableId} → ${route.destination}`;
      if (route.destinationType === 'prefix-list') {
        review.push(`${where} (prefix list)`);
        continue;
      }
      if (isAnyAddress(route.destination)) {
        broad.push(`${where} (everything)`);
        continue;
      }
      const peerCidrs = peerOf(route, c).flatMap((p) => (route.destinationType === 'ipv6' ? p.ipv6CidrBlocks : p.cidrBlocks));
      if (peerCidrs.length === 0) {
        review.push(`${where} (peer CIDR unknown)`);
        continue;
      }
      const covered = peerCidrs.filter((cidr) => cidrContains(route.destination, cidr));
      if (covered.length > 0) broad.push(`${where} (whole peer VPC ${covered.join(', ')})`);
    }
    if (broad.length > 0) {
      return { status: 'FAIL', message: `${label} is routed more widely than needed: ${broad.slice(0, 3).join('; ')}${broad.length > 3 ? ` and ${broad.length - 3} more` : ''}.` };
    }
    if (review.length > 0) {
      return { status: 'MANUAL', message: `${label} has routes to review by hand: ${review.slice(0, 3).join('; ')}.` };
    }
    return { status: 'PASS', message: `${label} is only routed to parts of the peer VPC (${c.routes.length} route(s) in ${pcx.region}).` };
  },
});
