import { describe, expect, it } from 'vitest';
import {
  allowsActionOnAllResources,
  allowsFullAdmin,
  coversAction,
  hasSourceCondition,
  principalAccount,
  serviceWildcardStatements,
  statementsOf,
  wildcardMatch,
} from './policy.ts';

describe('statementsOf', () => {
  it('accepts a single statement object', () => {
    const s = statementsOf({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], notActions: null });
  });
  it('accepts an array and normalizes principals', () => {
    const s = statementsOf({
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: '*', NotAction: ['iam:*'], Resource: '*' },
      ],
    });
    expect(s[0]?.principal).toMatchObject({ service: ['ec2.amazonaws.com'], aws: [], everyone: false });
    expect(s[1]).toMatchObject({ effect: 'Deny', notActions: ['iam:*'], actions: null });
    expect(s[1]?.principal?.everyone).toBe(true);
  });
  it('treats a missing document or statement as empty', () => {
    expect(statementsOf(null)).toEqual([]);
    expect(statementsOf({})).toEqual([]);
    expect(statementsOf({ Statement: [] })).toEqual([]);
  });
});

describe('wildcardMatch', () => {
  it('matches * and ? case-insensitively', () => {
    expect(wildcardMatch('sts:Assume*', 'sts:AssumeRole')).toBe(true);
    expect(wildcardMatch('STS:assumerole', 'sts:AssumeRole')).toBe(true);
    expect(wildcardMatch('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('s3:Get', 's3:GetObject')).toBe(false);
    expect(wildcardMatch('iam:Pass.Role', 'iam:PassXRole')).toBe(false);
  });
});

describe('allowsFullAdmin', () => {
  it.each([
    [{ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, true],
    [{ Statement: [{ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }] }, true],
    [{ Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::x' }] }, true],
    [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }, true],
    [{ Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }, false],
    [{ Statement: { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' } }, false],
    [{ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }, false],
    [{ Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } }, false],
  ])('%j → %s', (doc, expected) => {
    expect(allowsFullAdmin(doc as never)).toBe(expected);
  });
});

describe('serviceWildcardStatements', () => {
  it('finds service:* grants and NotAction grants that leave the service in', () => {
    expect(serviceWildcardStatements({ Statement: { Effect: 'Allow', Action: 'KMS:*', Resource: '*' } }, 'kms')).toHaveLength(1);
    expect(serviceWildcardStatements({ Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } }, 'kms')).toHaveLength(1);
    expect(serviceWildcardStatements({ Statement: { Effect: 'Allow', NotAction: 'km?:*', Resource: '*' } }, 'kms')).toHaveLength(0);
    expect(serviceWildcardStatements({ Statement: { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' } }, 'kms')).toHaveLength(0);
    expect(serviceWildcardStatements({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, 'kms')).toHaveLength(0);
  });
});

describe('allowsActionOnAllResources / coversAction', () => {
  it('honours wildcards, NotAction and the resource', () => {
    expect(allowsActionOnAllResources({ Statement: { Effect: 'Allow', Action: 'sts:*', Resource: '*' } }, 'sts:AssumeRole')).toBe(true);
    expect(allowsActionOnAllResources({ Statement: { Effect: 'Allow', NotAction: 's3:*', Resource: '*' } }, 'sts:AssumeRole')).toBe(true);
    expect(allowsActionOnAllResources({ Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::1:role/x' } }, 'sts:AssumeRole')).toBe(false);
    const [s] = statementsOf({ Statement: { Effect: 'Allow', NotAction: 'sts:*' } });
    expect(s && coversAction(s, 'sts:AssumeRole')).toBe(false);
  });
});

describe('conditions and principals', () => {
  it('detects source conditions under any operator and case', () => {
    const [a] = statementsOf({ Statement: { Effect: 'Allow', Condition: { StringEquals: { 'AWS:SourceAccount': '1' } } } });
    const [b] = statementsOf({ Statement: { Effect: 'Allow', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } } });
    expect(a && hasSourceCondition(a)).toBe(true);
    expect(b && hasSourceCondition(b)).toBe(false);
  });
  it('extracts the account of a principal', () => {
    expect(principalAccount('123456789012')).toBe('123456789012');
    expect(principalAccount('arn:aws:iam::111122223333:role/x')).toBe('111122223333');
    expect(principalAccount('arn:aws:sts::111122223333:assumed-role/x/y')).toBe('111122223333');
    expect(principalAccount('*')).toBe('*');
    expect(principalAccount('AIDAEXAMPLE')).toBeUndefined();
  });
});
