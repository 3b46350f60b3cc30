import type { AwsCollector } from '../../context.ts';
import networkAcls from './network-acls.collector.ts';
import securityGroups from './network-security-groups.collector.ts';
import subnets from './network-subnets.collector.ts';
import vpcPeeringConnections from './network-vpc-peering-connections.collector.ts';
import vpcs from './network-vpcs.collector.ts';

/** The EC2 networking and VPC collectors. */
export const networkCollectors: AwsCollector[] = [securityGroups, networkAcls, vpcs, subnets, vpcPeeringConnections];
