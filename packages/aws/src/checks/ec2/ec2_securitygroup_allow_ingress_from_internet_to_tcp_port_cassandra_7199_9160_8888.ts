import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_cassandra_7199_9160_8888',
  software: 'Cassandra',
  ports: [7199, 9160, 8888],
  severity: 'high',
  risk: "Cassandra's JMX, Thrift and OpsCenter ports give administrative control over the cluster; reachable from anywhere they allow data theft and remote code execution through JMX.",
});
