import { testCheck } from '../../testing/index.ts';
import { portCheckCases } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_ftp_20_21.ts';

testCheck(check, portCheckCases([20, 21]));
