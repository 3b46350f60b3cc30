import type { PeeringRoute } from '../../resources/ec2-network.ts';
import { testCheck, withError } from '../../testing/index.ts';
import { peeringConnection } from '../ec2/lib/network-fixtures.ts';
import check from './vpc_peering_routing_tables_with_least_privilege.ts';

// Requester vpc-0aaa is 10.0.0.0/16, accepter vpc-0bbb is 10.1.0.0/16 (see the fixture).
const route = (vpcId: string, destination: string, destinationType: PeeringRoute['destinationType'] = 'ipv4'): PeeringRoute => ({
  routeTableId: `rtb-${vpcId.slice(-3)}`,
  vpcId,
  destination,
  destinationType,
  state: 'active',
});
const pcx = (...routes: PeeringRoute[]) => peeringConnection({ routes });

testCheck(check, {
  pass: [
    { name: 'no routes in this region', resource: pcx(), message: 'not the target of any route' },
    { name: 'subnet routes on both sides', resource: pcx(route('vpc-0aaa', '10.1.20.0/24'), route('vpc-0bbb', '10.0.5.0/24')), message: '2 route(s)' },
    { name: 'a host route', resource: pcx(route('vpc-0aaa', '10.1.20.15/32')) },
    {
      name: 'a route to half of the peer VPC',
      resource: pcx(route('vpc-0bbb', '10.0.0.0/17')),
    },
  ],
  fail: [
    { name: 'whole peer VPC', resource: pcx(route('vpc-0aaa', '10.1.0.0/16')), message: 'whole peer VPC 10.1.0.0/16' },
    { name: 'supernet of the peer VPC', resource: pcx(route('vpc-0bbb', '10.0.0.0/8')), message: '10.0.0.0/8' },
    { name: 'default route through the peering', resource: pcx(route('vpc-0aaa', '0.0.0.0/0')), message: 'everything' },
    {
      name: 'whole peer IPv6 block',
      resource: peeringConnection({
        accepter: { vpcId: 'vpc-0bbb', ownerId: '210987654321', region: 'eu-west-1', cidrBlocks: ['10.1.0.0/16'], ipv6CidrBlocks: ['2600:1f18:abcd::/56'] },
        routes: [route('vpc-0aaa', '2600:1f18:abcd::/56', 'ipv6')],
      }),
      message: '2600:1f18:abcd::/56',
    },
    {
      name: 'peer VPC with a secondary CIDR',
      resource: peeringConnection({
        accepter: { vpcId: 'vpc-0bbb', ownerId: '123456789012', region: 'us-east-1', cidrBlocks: ['10.1.0.0/16', '100.64.0.0/16'], ipv6CidrBlocks: [] },
        routes: [route('vpc-0aaa', '10.1.1.0/24'), route('vpc-0aaa', '100.64.0.0/16')],
      }),
      message: '100.64.0.0/16',
    },
  ],
  manual: [{ name: 'prefix list destination', resource: pcx(route('vpc-0aaa', 'pl-0123abcd', 'prefix-list')), message: 'prefix list' }],
  error: [{ name: 'route tables not listed', resource: withError(pcx(), 'routes', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
  notApplicable: [{ name: 'pending acceptance', resource: peeringConnection({ status: 'pending-acceptance' }) }],
});
