import { defineNetworkAclIngressCheck } from './lib/network-acl-check.ts';

export default defineNetworkAclIngressCheck({
  id: 'ec2_networkacl_allow_ingress_any_port',
  severity: 'high',
  traffic: { protocol: 'all' },
  what: 'all traffic',
  risk: 'An ACL that admits every protocol and port from anywhere provides no filtering at all for its subnets.',
});
