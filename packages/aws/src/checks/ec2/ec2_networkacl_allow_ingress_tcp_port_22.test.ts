import { testCheck, withError } from '../../testing/index.ts';
import { FINAL_DENY, aclEntry, networkAcl } from './lib/network-fixtures.ts';
import check from './ec2_networkacl_allow_ingress_tcp_port_22.ts';

const acl = (...entries: Parameters<typeof aclEntry>[0][]) => networkAcl({ entries: [...entries.map(aclEntry), ...FINAL_DENY] });

testCheck(check, {
  pass: [
    { name: 'only the final deny', resource: acl(), message: 'does not allow inbound TCP port 22' },
    { name: 'HTTPS only', resource: acl({ ruleNumber: 100, protocol: 'tcp', fromPort: 443, toPort: 443 }) },
    { name: 'port 22 from a corporate range', resource: acl({ ruleNumber: 100, protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '198.51.100.0/24' }) },
    { name: 'deny 22 before allow all', resource: acl({ ruleNumber: 90, action: 'deny', protocol: 'tcp', fromPort: 22, toPort: 22 }, { ruleNumber: 100 }) },
    { name: 'UDP 22', resource: acl({ ruleNumber: 100, protocol: 'udp', fromPort: 22, toPort: 22 }) },
    { name: 'egress only', resource: acl({ ruleNumber: 100, egress: true }) },
  ],
  fail: [
    { name: 'allow all traffic', resource: acl({ ruleNumber: 100 }), message: 'rule 100 (all traffic from 0.0.0.0/0)' },
    { name: 'allow TCP 22', resource: acl({ ruleNumber: 100, protocol: 'tcp', fromPort: 22, toPort: 22 }), message: 'TCP 22' },
    { name: 'allow a TCP range containing 22 from ::/0', resource: acl({ ruleNumber: 100, protocol: 'tcp', fromPort: 1, toPort: 65535, cidrIpv4: null, cidrIpv6: '::/0' }), message: '::/0' },
    { name: 'deny after allow does not help', resource: acl({ ruleNumber: 100 }, { ruleNumber: 200, action: 'deny', protocol: 'tcp', fromPort: 22, toPort: 22 }) },
    { name: 'a deny for a narrower range does not close it', resource: acl({ ruleNumber: 50, action: 'deny', protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '192.0.2.0/24' }, { ruleNumber: 100 }) },
  ],
  error: [{ name: 'entries not collected', resource: withError(acl(), 'entries', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
});
