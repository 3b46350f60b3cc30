import { describe, expect, it } from 'vitest';
import type { PolicyDocument, PolicyStatement } from './resource-policy.ts';
import {
  describePublicStatements,
  hasRestrictingCondition,
  isEveryonePrincipal,
  isPolicyPublic,
  parsePolicy,
  policyStatements,
  publicStatements,
} from './resource-policy.ts';

const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const allow = (extra: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Action: 'sqs:SendMessage',
  Resource: 'arn:aws:sqs:us-east-1:123456789012:q',
  ...extra,
});

describe('parsePolicy', () => {
  it('parses a JSON policy and treats empty as null', () => {
    expect(parsePolicy('{"Version":"2012-10-17","Statement":[]}')).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(parsePolicy(undefined)).toBeNull();
    expect(parsePolicy('')).toBeNull();
    expect(parsePolicy(null)).toBeNull();
  });
  it('throws on invalid JSON or a non-object', () => {
    expect(() => parsePolicy('{not json')).toThrow();
    expect(() => parsePolicy('[1]')).toThrow();
  });
  it('accepts a single statement object', () => {
    expect(policyStatements({ Statement: allow({ Principal: '*' }) })).toHaveLength(1);
    expect(policyStatements(null)).toEqual([]);
  });
});

describe('isEveryonePrincipal', () => {
  it.each([
    ['*', true],
    [{ AWS: '*' }, true],
    [{ AWS: ['arn:aws:iam::111122223333:root', '*'] }, true],
    [{ CanonicalUser: '*' }, true],
    [{ AWS: 'arn:aws:iam::*:root' }, true],
    [{ AWS: 'arn:aws:iam::111122223333:root' }, false],
    [{ Service: 'sns.amazonaws.com' }, false],
    [undefined, false],
  ] as const)('%j → %s', (principal, expected) => {
    expect(isEveryonePrincipal(principal as PolicyStatement['Principal'])).toBe(expected);
  });
});

describe('publicStatements', () => {
  it('flags Principal * without condition', () => {
    const p = doc(allow({ Sid: 'Open', Principal: '*' }));
    expect(publicStatements(p)).toEqual([{ sid: 'Open', actions: ['sqs:SendMessage'] }]);
    expect(isPolicyPublic(p)).toBe(true);
  });

  it('flags {AWS: "*"} and names statements without Sid by index', () => {
    const p = doc(allow({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }), allow({ Principal: { AWS: '*' } }));
    expect(publicStatements(p)).toEqual([{ sid: '#1', actions: ['sqs:SendMessage'] }]);
  });

  it('flags Allow with NotPrincipal', () => {
    expect(isPolicyPublic(doc(allow({ NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } })))).toBe(true);
  });

  it('ignores Deny statements and specific principals', () => {
    expect(isPolicyPublic(doc({ Effect: 'Deny', Principal: '*', Action: '*' }))).toBe(false);
    expect(isPolicyPublic(doc(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/r' } })))).toBe(false);
    expect(isPolicyPublic(doc(allow({ Principal: { Service: 'events.amazonaws.com' } })))).toBe(false);
    expect(isPolicyPublic(null)).toBe(false);
    expect(isPolicyPublic(doc())).toBe(false);
  });

  it.each([
    ['aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '123456789012' } }],
    ['aws:SourceArn', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' } }],
    ['AWS:SourceOwner (mixed case)', { StringEquals: { 'AWS:SourceOwner': '123456789012' } }],
    ['aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['aws:SourceVpce', { StringEquals: { 'aws:SourceVpce': 'vpce-1234' } }],
    ['aws:SourceIp range', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }],
  ])('a condition on %s restricts the statement', (_name, Condition) => {
    expect(isPolicyPublic(doc(allow({ Principal: '*', Condition })))).toBe(false);
  });

  it.each([
    ['wildcard value', { StringLike: { 'aws:SourceArn': '*' } }],
    ['negated operator', { StringNotEquals: { 'aws:SourceAccount': '123456789012' } }],
    ['IfExists operator', { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } }],
    ['open IP range', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }],
    ['unrelated key', { Bool: { 'aws:SecureTransport': 'true' } }],
    ['empty values', { StringEquals: { 'aws:SourceAccount': [] } }],
  ])('a condition with %s does not restrict', (_name, Condition) => {
    expect(isPolicyPublic(doc(allow({ Principal: '*', Condition })))).toBe(true);
  });

  it('honours extra restricting keys (Bool must be true)', () => {
    const via = (v: string) =>
      doc(allow({ Principal: { AWS: '*' }, Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': v } } }));
    const o = { extraRestrictingKeys: ['elasticfilesystem:AccessedViaMountTarget'] };
    expect(isPolicyPublic(via('true'), o)).toBe(false);
    expect(isPolicyPublic(via('false'), o)).toBe(true);
    expect(isPolicyPublic(via('true'))).toBe(true);
  });

  it('reports NotAction statements', () => {
    expect(publicStatements(doc({ Sid: 'N', Effect: 'Allow', Principal: '*', NotAction: 'sqs:DeleteQueue' }))).toEqual([
      { sid: 'N', actions: ['NotAction'] },
    ]);
  });
});

describe('hasRestrictingCondition / describePublicStatements', () => {
  it('is false without conditions', () => {
    expect(hasRestrictingCondition(allow({ Principal: '*' }))).toBe(false);
  });
  it('describes and truncates', () => {
    const s = [1, 2, 3, 4].map((i) => ({ sid: `S${i}`, actions: ['a:B'] }));
    expect(describePublicStatements(s, 2)).toBe('S1 (a:B); S2 (a:B) and 2 more');
  });
});
