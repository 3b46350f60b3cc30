import { testCheck } from '../../testing/index.ts';
import { portCheckCases } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483.ts';

testCheck(check, portCheckCases([1521, 2483, 2484]));
