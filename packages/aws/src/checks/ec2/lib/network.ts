/**
 * Pure helpers shared by the security group, network ACL and VPC checks: CIDR arithmetic and
 * "does this rule open port P of protocol X to the internet".
 */
import type { NetworkAclEntry, NetworkProtocol, SecurityGroupRule } from '../../../resources/ec2-network.ts';

/** True for a CIDR block that matches every address of its family (`0.0.0.0/0`, `::/0`). */
export function isAnyAddress(cidr: string | null | undefined): boolean {
  return typeof cidr === 'string' && /\/0$/.test(cidr.trim());
}

/** The traffic a check asks about: every protocol and port, or one port of TCP or UDP. */
export type Traffic = { protocol: 'all' } | { protocol: 'tcp' | 'udp'; port: number };

/** True when a rule of `protocol` and port range covers every port of `traffic`. */
export function coversTraffic(
  rule: { protocol: NetworkProtocol; fromPort: number | null; toPort: number | null },
  traffic: Traffic,
): boolean {
  if (rule.protocol === 'all') return true;
  if (traffic.protocol === 'all') return false;
  if (rule.protocol !== traffic.protocol) return false;
  if (rule.fromPort === null || rule.toPort === null) return true;
  return rule.fromPort <= traffic.port && traffic.port <= rule.toPort;
}

/** True when a security group rule covers every port of every protocol, or all 65 536 TCP/UDP ports. */
export function coversAllPorts(rule: SecurityGroupRule): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return false;
  return rule.fromPort === null || rule.toPort === null || (rule.fromPort <= 0 && rule.toPort >= 65535);
}

/** The sources of a security group rule that are the whole internet (`0.0.0.0/0`, `::/0`). */
export function internetSources(rule: SecurityGroupRule): string[] {
  return [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter(isAnyAddress);
}

/** One way a security group lets internet traffic in. */
export interface OpenIngress {
  rule: SecurityGroupRule;
  /** `0.0.0.0/0` or `::/0`. */
  source: string;
  /** The port of the traffic asked about, when one was. */
  port?: number;
}

/**
 * The inbound rules of a security group that let `traffic` in from the whole internet: the
 * shared decision behind every "from internet to port P" check. A rule of protocol `all`
 * opens every port; a TCP rule whose range contains P opens P.
 */
export function openIngress(ingressRules: readonly SecurityGroupRule[], traffic: Traffic): OpenIngress[] {
  const out: OpenIngress[] = [];
  for (const rule of ingressRules) {
    if (!coversTraffic(rule, traffic)) continue;
    for (const source of internetSources(rule)) {
      out.push({ rule, source, ...(traffic.protocol === 'all' ? {} : { port: traffic.port }) });
    }
  }
  return out;
}

/** `openIngress` for several TCP ports at once. */
export function openTcpPorts(ingressRules: readonly SecurityGroupRule[], ports: readonly number[]): OpenIngress[] {
  return ports.flatMap((port) => openIngress(ingressRules, { protocol: 'tcp', port }));
}

/** A rule's protocol and ports for messages: `all traffic`, `TCP 22`, `TCP 0-1024`, `UDP all ports`. */
export function describeRule(rule: { protocol: NetworkProtocol; fromPort: number | null; toPort: number | null }): string {
  if (rule.protocol === 'all') return 'all traffic';
  const proto = /^\d+$/.test(rule.protocol) ? `protocol ${rule.protocol}` : rule.protocol.toUpperCase();
  if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6') {
    return rule.fromPort === null ? `${proto} (all types)` : `${proto} type ${rule.fromPort}`;
  }
  if (rule.fromPort === null || rule.toPort === null) return `${proto} all ports`;
  return rule.fromPort === rule.toPort ? `${proto} ${rule.fromPort}` : `${proto} ${rule.fromPort}-${rule.toPort}`;
}

/** A short, de-duplicated list of open-ingress findings for a message. */
export function describeOpenings(openings: readonly OpenIngress[], max = 3): string {
  const parts = [
    ...new Set(
      openings.map((o) =>
        o.port === undefined || (o.rule.fromPort === o.port && o.rule.toPort === o.port)
          ? `${describeRule(o.rule)} from ${o.source}`
          : `port ${o.port} (${describeRule(o.rule)}) from ${o.source}`,
      ),
    ),
  ];
  const shown = parts.slice(0, max).join(', ');
  return parts.length > max ? `${shown} and ${parts.length - max} more` : shown;
}

/** Number of individual rules as AWS counts them against the quota: one per source or destination. */
export function countRules(rules: readonly SecurityGroupRule[]): number {
  return rules.reduce(
    (n, r) => n + r.ipv4Ranges.length + r.ipv6Ranges.length + r.groups.length + r.prefixListIds.length,
    0,
  );
}

/**
 * For a network ACL: the family (`0.0.0.0/0`, `::/0`) of each whole-internet inbound rule that
 * allows `traffic`, evaluating entries in rule-number order as AWS does. An entry from the whole
 * internet that denies the traffic first closes that family; entries for narrower CIDR blocks
 * are skipped (they neither open the port to everyone nor close it to everyone).
 */
export function naclOpenIngress(entries: readonly NetworkAclEntry[], traffic: Traffic): NetworkAclEntry[] {
  const sorted = entries.filter((e) => !e.egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  const open: NetworkAclEntry[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const e of sorted) {
      const cidr = family === 'ipv4' ? e.cidrIpv4 : e.cidrIpv6;
      if (!isAnyAddress(cidr)) continue;
      if (!coversTraffic(e, traffic)) continue;
      if (e.action === 'allow') open.push(e);
      break;
    }
  }
  return open;
}

/** The rule number of an entry as the console shows it (`*` for the final rule). */
export function naclRuleLabel(e: NetworkAclEntry): string {
  return e.ruleNumber >= 32767 ? '*' : String(e.ruleNumber);
}

/** Describes whole-internet ACL entries for a message: `rule 100 (all traffic from 0.0.0.0/0)`. */
export function describeNaclEntries(entries: readonly NetworkAclEntry[]): string {
  return entries
    .map((e) => `rule ${naclRuleLabel(e)} (${describeRule(e)} from ${e.cidrIpv4 ?? e.cidrIpv6 ?? '?'})`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// CIDR arithmetic (IPv4 and IPv6), with bigint so both families share the code.

interface ParsedCidr {
  family: 4 | 6;
  /** First address of the block. */
  start: bigint;
  prefix: number;
}

function parseIpv4(ip: string): bigint | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) + BigInt(Number(p));
  }
  return n;
}

function parseIpv6(ip: string): bigint | undefined {
  let text = ip;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const n = parseIpv4(v4[1]);
    if (n === undefined) return undefined;
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    n = (n << 16n) + BigInt(parseInt(g, 16));
  }
  return n;
}

/** Parses `a.b.c.d/n` or an IPv6 CIDR block; `undefined` when it is not one. */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const [ip, len, extra] = cidr.trim().split('/');
  if (!ip || extra !== undefined) return undefined;
  const family = ip.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const prefix = len === undefined ? bits : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || (len !== undefined && !/^\d+$/.test(len))) return undefined;
  const addr = family === 4 ? parseIpv4(ip) : parseIpv6(ip);
  if (addr === undefined) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { family, start: (addr >> hostBits) << hostBits, prefix };
}

/** True when CIDR block `outer` contains every address of `inner` (same family). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || o.family !== i.family || o.prefix > i.prefix) return false;
  const bits = BigInt((o.family === 4 ? 32 : 128) - o.prefix);
  return i.start >> bits === o.start >> bits;
}

/** IPv4 ranges that are not globally routable (RFC 6890 special-purpose registry and RFC 1918). */
const NON_PUBLIC_IPV4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];

/**
 * True for an IPv4 CIDR block with at least one globally routable address: one not entirely
 * inside a private, shared, loopback, link-local, documentation, multicast or reserved range.
 */
export function isPublicIpv4Cidr(cidr: string): boolean {
  const c = parseCidr(cidr);
  if (!c || c.family !== 4) return false;
  return !NON_PUBLIC_IPV4.some((range) => cidrContains(range, cidr));
}

/** The prefix length of a CIDR block, or `undefined` when it does not parse. */
export function prefixLength(cidr: string): number | undefined {
  return parseCidr(cidr)?.prefix;
}
