import type { Check } from '@vigil/engine';
import vpc_different_regions from './vpc_different_regions.ts';
import vpc_flow_logs_enabled from './vpc_flow_logs_enabled.ts';
import vpc_peering_routing_tables_with_least_privilege from './vpc_peering_routing_tables_with_least_privilege.ts';
import vpc_subnet_different_az from './vpc_subnet_different_az.ts';
import vpc_subnet_no_public_ip_by_default from './vpc_subnet_no_public_ip_by_default.ts';

/** The VPC checks (their resources come from the EC2 network collectors). */
export const checks: Check[] = [
  vpc_different_regions,
  vpc_flow_logs_enabled,
  vpc_peering_routing_tables_with_least_privilege,
  vpc_subnet_different_az,
  vpc_subnet_no_public_ip_by_default,
];
