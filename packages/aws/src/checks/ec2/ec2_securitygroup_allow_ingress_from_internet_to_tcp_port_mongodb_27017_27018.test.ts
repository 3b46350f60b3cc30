import { testCheck } from '../../testing/index.ts';
import { portCheckCases } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018.ts';

testCheck(check, portCheckCases([27017, 27018]));
