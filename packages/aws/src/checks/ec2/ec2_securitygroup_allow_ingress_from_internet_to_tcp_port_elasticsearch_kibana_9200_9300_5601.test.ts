import { testCheck } from '../../testing/index.ts';
import { portCheckCases } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_elasticsearch_kibana_9200_9300_5601.ts';

testCheck(check, portCheckCases([9200, 9300, 5601]));
