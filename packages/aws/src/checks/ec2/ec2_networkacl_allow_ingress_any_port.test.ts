import { testCheck, withError } from '../../testing/index.ts';
import { FINAL_DENY, aclEntry, networkAcl } from './lib/network-fixtures.ts';
import check from './ec2_networkacl_allow_ingress_any_port.ts';

const acl = (...entries: Parameters<typeof aclEntry>[0][]) => networkAcl({ entries: [...entries.map(aclEntry), ...FINAL_DENY] });

testCheck(check, {
  pass: [
    { name: 'only the final deny', resource: acl(), message: 'does not allow inbound all traffic' },
    { name: 'HTTPS only', resource: acl({ ruleNumber: 100, protocol: 'tcp', fromPort: 443, toPort: 443 }) },
    { name: 'all traffic from the VPC range', resource: acl({ ruleNumber: 100, cidrIpv4: '10.0.0.0/16' }) },
    { name: 'deny all before allow all', resource: acl({ ruleNumber: 50, action: 'deny' }, { ruleNumber: 100 }) },
    { name: 'all traffic outbound only', resource: acl({ ruleNumber: 100, egress: true }) },
    { name: 'TCP 0-65535 is not every protocol', resource: acl({ ruleNumber: 100, protocol: 'tcp', fromPort: 0, toPort: 65535 }) },
  ],
  fail: [
    { name: 'default ACL allow-all (rule 100)', resource: acl({ ruleNumber: 100 }), message: 'rule 100 (all traffic from 0.0.0.0/0)' },
    { name: 'IPv6 allow-all', resource: acl({ ruleNumber: 101, cidrIpv4: null, cidrIpv6: '::/0' }), message: '::/0' },
    { name: 'a port-specific deny does not close the rest', resource: acl({ ruleNumber: 50, action: 'deny', protocol: 'tcp', fromPort: 22, toPort: 22 }, { ruleNumber: 100 }) },
    { name: 'an IPv4 deny does not close IPv6', resource: acl({ ruleNumber: 50, action: 'deny' }, { ruleNumber: 100, cidrIpv4: null, cidrIpv6: '::/0' }), message: 'rule 100' },
  ],
  error: [{ name: 'entries not collected', resource: withError(acl(), 'entries'), code: 'AccessDenied' }],
});
