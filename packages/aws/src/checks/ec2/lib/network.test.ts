import { describe, expect, it } from 'vitest';
import { aclEntry, allTraffic, rule, tcp } from './network-fixtures.ts';
import {
  cidrContains,
  countRules,
  coversAllPorts,
  describeRule,
  isAnyAddress,
  isPublicIpv4Cidr,
  naclOpenIngress,
  openIngress,
  openTcpPorts,
  parseCidr,
} from './network.ts';

describe('network helpers', () => {
  it('recognises whole-internet CIDR blocks', () => {
    expect(isAnyAddress('0.0.0.0/0')).toBe(true);
    expect(isAnyAddress('::/0')).toBe(true);
    expect(isAnyAddress('0.0.0.0/1')).toBe(false);
    expect(isAnyAddress('10.0.0.0/8')).toBe(false);
    expect(isAnyAddress(null)).toBe(false);
  });

  it('finds rules that open a TCP port to the internet', () => {
    expect(openIngress([tcp(22)], { protocol: 'tcp', port: 22 })).toHaveLength(1);
    expect(openIngress([tcp(20, 30)], { protocol: 'tcp', port: 22 })).toHaveLength(1);
    expect(openIngress([tcp(23, 30)], { protocol: 'tcp', port: 22 })).toHaveLength(0);
    expect(openIngress([allTraffic(['0.0.0.0/0', '::/0'])], { protocol: 'tcp', port: 22 })).toHaveLength(2);
    expect(openIngress([{ ...tcp(22), protocol: 'udp' }], { protocol: 'tcp', port: 22 })).toHaveLength(0);
    expect(openIngress([{ ...tcp(22), protocol: 'udp' }], { protocol: 'udp', port: 22 })).toHaveLength(1);
    expect(openIngress([tcp(22, 22, ['10.0.0.0/8'])], { protocol: 'tcp', port: 22 })).toHaveLength(0);
    // Protocol "all" is the only rule that covers every protocol.
    expect(openIngress([tcp(0, 65535)], { protocol: 'all' })).toHaveLength(0);
    expect(openIngress([allTraffic()], { protocol: 'all' })).toHaveLength(1);
    expect(openTcpPorts([tcp(1433, 1434)], [1433, 1434]).map((o) => o.port)).toEqual([1433, 1434]);
  });

  it('tells all-port rules apart', () => {
    expect(coversAllPorts(allTraffic())).toBe(true);
    expect(coversAllPorts(tcp(0, 65535))).toBe(true);
    expect(coversAllPorts(tcp(1, 65535))).toBe(false);
    expect(coversAllPorts(rule({ protocol: 'icmp' }))).toBe(false);
  });

  it('describes rules', () => {
    expect(describeRule(allTraffic())).toBe('all traffic');
    expect(describeRule(tcp(22))).toBe('TCP 22');
    expect(describeRule(tcp(0, 1024))).toBe('TCP 0-1024');
    expect(describeRule(rule({ protocol: 'udp' }))).toBe('UDP all ports');
    expect(describeRule(rule({ protocol: '47' }))).toBe('protocol 47 all ports');
    expect(describeRule(rule({ protocol: 'icmp', fromPort: 8 }))).toBe('ICMP type 8');
  });

  it('counts rules as AWS does', () => {
    expect(countRules([tcp(22, 22, ['1.1.1.1/32', '::/0']), rule({ protocol: 'all', groups: [{ groupId: 'sg-1' }], prefixListIds: ['pl-1'] })])).toBe(4);
  });

  it('evaluates network ACL entries in order, per address family', () => {
    const ssh = { protocol: 'tcp', port: 22 } as const;
    expect(naclOpenIngress([aclEntry({ ruleNumber: 100 })], ssh)).toHaveLength(1);
    expect(naclOpenIngress([aclEntry({ ruleNumber: 200 }), aclEntry({ ruleNumber: 100, action: 'deny' })], ssh)).toHaveLength(0);
    expect(
      naclOpenIngress(
        [aclEntry({ ruleNumber: 100, action: 'deny' }), aclEntry({ ruleNumber: 200, cidrIpv4: null, cidrIpv6: '::/0' })],
        ssh,
      ).map((e) => e.ruleNumber),
    ).toEqual([200]);
    expect(naclOpenIngress([aclEntry({ ruleNumber: 100, egress: true })], ssh)).toHaveLength(0);
  });

  it('parses and compares CIDR blocks', () => {
    expect(parseCidr('10.1.2.3/16')).toEqual({ family: 4, start: 0x0a010000n, prefix: 16 });
    expect(parseCidr('2001:db8::/32')?.prefix).toBe(32);
    expect(parseCidr('::ffff:10.0.0.1/128')?.family).toBe(6);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('300.0.0.0/8')).toBeUndefined();
    expect(parseCidr('1:2:3:4:5:6:7:8:9/64')).toBeUndefined();
    expect(parseCidr('nonsense')).toBeUndefined();
    expect(cidrContains('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(cidrContains('10.1.0.0/16', '10.1.0.0/16')).toBe(true);
    expect(cidrContains('10.1.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(cidrContains('10.0.0.0/8', '11.0.0.0/16')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '192.168.1.0/24')).toBe(true);
    expect(cidrContains('2001:db8::/32', '2001:db8:1::/48')).toBe(true);
    expect(cidrContains('::/0', '10.0.0.0/8')).toBe(false);
  });

  it('tells public IPv4 blocks from private and reserved ones', () => {
    expect(isPublicIpv4Cidr('52.0.0.0/8')).toBe(true);
    expect(isPublicIpv4Cidr('0.0.0.0/1')).toBe(true);
    expect(isPublicIpv4Cidr('10.0.0.0/8')).toBe(false);
    expect(isPublicIpv4Cidr('172.16.0.0/12')).toBe(false);
    expect(isPublicIpv4Cidr('100.64.0.0/10')).toBe(false);
    expect(isPublicIpv4Cidr('169.254.0.0/16')).toBe(false);
    expect(isPublicIpv4Cidr('2600::/16')).toBe(false);
  });
});
