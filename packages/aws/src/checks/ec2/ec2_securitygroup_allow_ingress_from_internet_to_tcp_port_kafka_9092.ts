import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_kafka_9092',
  software: 'Kafka',
  ports: [9092],
  severity: 'high',
  risk: "A Kafka broker reachable from anywhere, commonly without authentication, lets outsiders read and inject messages on every topic.",
});
