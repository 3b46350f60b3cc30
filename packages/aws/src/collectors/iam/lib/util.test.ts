import { describe, expect, it } from 'vitest';
import { mfaKind } from '../users.collector.ts';
import { decodePolicyDocument, iso } from './util.ts';

describe('decodePolicyDocument', () => {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a b/%x' }] };
  it('decodes URL-encoded JSON', () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
  });
  it('accepts plain JSON, even containing %', () => {
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc);
  });
  it('returns null for nothing and throws MalformedPolicyDocument for garbage', () => {
    expect(decodePolicyDocument(undefined)).toBeNull();
    expect(() => decodePolicyDocument('%7Bnot json')).toThrow(expect.objectContaining({ name: 'MalformedPolicyDocument' }));
  });
});

describe('helpers', () => {
  it('classifies MFA devices', () => {
    expect(mfaKind('arn:aws:iam::123456789012:mfa/alice')).toBe('virtual');
    expect(mfaKind('arn:aws:iam::123456789012:u2f/user/alice/key-X')).toBe('u2f');
    expect(mfaKind('arn:aws:iam::123456789012:sms-mfa/alice')).toBe('virtual');
    expect(mfaKind('GAHT12345678')).toBe('hardware');
  });
  it('formats dates', () => {
    expect(iso(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z');
    expect(iso(undefined)).toBeNull();
  });
});
