import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_elasticsearch_kibana_9200_9300_5601',
  software: 'Elasticsearch/Kibana',
  ports: [9200, 9300, 5601],
  severity: 'high',
  risk: "Elasticsearch clusters and Kibana dashboards reachable from the internet are searched for by automated bots that copy or delete the indexed data, frequently left without authentication.",
});
