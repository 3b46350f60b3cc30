import { testCheck } from '../../testing/index.ts';
import { portCheckCases } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389.ts';

testCheck(check, portCheckCases([3389]));
