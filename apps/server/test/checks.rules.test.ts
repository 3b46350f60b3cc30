import { buildResource, runCheckCase, testCheck, withError } from '@vigil/engine/testing';
import { describe, expect, it } from 'vitest';
import { RuleError, compileCustomCheck, customCheckProblems, ruleAttributes, validateRule } from '../src/modules/checks/rules.ts';
import type { CustomCheckSpec } from '../src/modules/checks/rules.ts';

const spec = (rule: unknown, over: Partial<CustomCheckSpec> = {}): CustomCheckSpec => ({
  checkId: 'custom_s3_bucket_tagged_encrypted',
  service: 's3',
  title: 'S3 buckets are encrypted with KMS and keep versions',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  description: 'Company policy for buckets.',
  risk: 'Unencrypted data.',
  remediation: { recommendation: 'Turn on SSE-KMS and versioning.' },
  rule,
  ...over,
});

const rule = {
  all: [
    { path: 'encryption.algorithm', in: ['aws:kms', 'aws:kms:dsse'] },
    { path: 'versioning', equals: 'Enabled' },
    { not: { path: 'policy.public', equals: true } },
    { any: [{ path: 'lifecycleRules.0.expirationDays', gte: 30 }, { path: 'objectLock', exists: true }] },
    { path: 'kmsKeyArn', regex: '^arn:aws:kms:[a-z0-9-]+:\\d{12}:key/', flags: 'i' },
  ],
};

type Bucket = Record<string, unknown>;
const good: Bucket = {
  encryption: { algorithm: 'aws:kms' },
  versioning: 'Enabled',
  policy: { public: false },
  lifecycleRules: [{ expirationDays: 90 }],
  kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
};
const bucket = (attributes: Bucket, name = 'bucket-a') => buildResource('AwsS3Bucket', attributes, { name });
const check = compileCustomCheck(spec(rule));

testCheck(check, {
  pass: [
    { name: 'a compliant bucket', resource: bucket(good) },
    { name: 'object lock instead of lifecycle', resource: bucket({ ...good, lifecycleRules: [], objectLock: { mode: 'GOVERNANCE' } }) },
  ],
  fail: [
    { name: 'AES256 encryption', resource: bucket({ ...good, encryption: { algorithm: 'AES256' } }), message: 'encryption.algorithm is "AES256"' },
    { name: 'no versioning', resource: bucket({ ...good, versioning: undefined }), message: 'versioning is absent' },
    { name: 'public policy', resource: bucket({ ...good, policy: { public: true } }), message: 'policy.public equals true holds' },
    { name: 'short lifecycle, no lock', resource: bucket({ ...good, lifecycleRules: [{ expirationDays: 7 }] }), message: 'none of' },
    { name: 'key of another format', resource: bucket({ ...good, kmsKeyArn: 'alias/aws/s3' }), message: 'matching' },
  ],
  error: [
    { name: 'encryption not readable', resource: withError(bucket(good), 'encryption'), code: 'AccessDenied' },
    { name: 'policy not readable', resource: withError(bucket(good), 'policy', 'NoSuchBucketPolicyAccess') },
  ],
});

describe('the custom check condition language', () => {
  it('derives requires from the first segment of each path', () => {
    expect(check.requires).toEqual(['encryption', 'versioning', 'policy', 'lifecycleRules', 'objectLock', 'kmsKeyArn']);
    expect(ruleAttributes({ path: 'a.b.c', exists: true })).toEqual(['a']);
    expect(check).toMatchObject({ provider: 'aws', service: 's3', resourceType: 'AwsS3Bucket', severity: 'high' });
  });

  it('compares numbers only with numbers and regexes only with strings', () => {
    const c = compileCustomCheck(spec({ any: [{ path: 'age', lt: 10 }, { path: 'name', regex: '^ok' }] }));
    expect(runCheckCase(c, { name: 'n', resource: bucket({ age: 3 }) })?.status).toBe('PASS');
    expect(runCheckCase(c, { name: 'n', resource: bucket({ age: '3' }) })?.status).toBe('FAIL');
    expect(runCheckCase(c, { name: 'n', resource: bucket({ name: 'okay' }) })?.status).toBe('PASS');
    expect(runCheckCase(c, { name: 'n', resource: bucket({ name: 42 }) })?.status).toBe('FAIL');
    const eq = compileCustomCheck(spec({ path: 'tags', equals: { env: 'prod', team: ['a'] } }));
    expect(runCheckCase(eq, { name: 'n', resource: bucket({ tags: { team: ['a'], env: 'prod' } }) })?.status).toBe('PASS');
    expect(runCheckCase(eq, { name: 'n', resource: bucket({ tags: { env: 'prod' } }) })?.status).toBe('FAIL');
    const absent = compileCustomCheck(spec({ path: 'publicAccess', exists: false }));
    expect(runCheckCase(absent, { name: 'n', resource: bucket({ publicAccess: null }) })?.status).toBe('PASS');
    expect(runCheckCase(absent, { name: 'n', resource: bucket({ publicAccess: {} }) })?.status).toBe('FAIL');
  });

  const invalid: [string, unknown, RegExp][] = [
    ['an unknown operator', { path: 'a', contains: 'x' }, /rule: unknown operator "contains"; use one of equals, in, exists/],
    ['an unknown group', { some: [] }, /rule: unknown condition with keys "some"/],
    ['a bad path', { path: 'a..b', equals: 1 }, /rule\.path: "a\.\.b" has an invalid segment ""/],
    ['a path with a dash', { all: [{ path: 'tags.my-tag', exists: true }] }, /rule\.all\[0\]\.path: .*invalid segment "my-tag"/],
    ['a path starting with an index', { path: '0.a', exists: true }, /must start with an attribute name/],
    ['a bad regex', { path: 'a', regex: '(unclosed' }, /rule\.regex: \/\(unclosed\/ is not a valid regular expression/],
    ['a catastrophic regex', { path: 'a', regex: '^(a+)+$' }, /rule\.regex: \/\^\(a\+\)\+\$\/ repeats a group that itself repeats/],
    ['a catastrophic counted regex', { path: 'a', regex: '(\\w{1,}x*)*' }, /repeats a group/],
    ['bad regex flags', { path: 'a', regex: 'x', flags: 'g' }, /rule\.flags: must be a combination of i, m, s and u/],
    ['two operators', { path: 'a', equals: 1, exists: true }, /exactly one operator/],
    ['no operator', { path: 'a' }, /exactly one operator/],
    ['a non-number comparison', { path: 'a', gte: '3' }, /rule\.gte: must be a finite number/],
    ['an empty all', { all: [] }, /rule\.all: must be an array of 1–50 conditions/],
    ['extra keys beside a group', { all: [{ path: 'a', exists: true }], path: 'b' }, /"all" must be the only key/],
    ['an in with objects', { path: 'a', in: [{}] }, /rule\.in: must be an array/],
    ['a non-object', 'a == 1', /rule: must be an object/],
    ['a nested problem', { not: { any: [{ path: 'a', exists: 'yes' }] } }, /rule\.not\.any\[0\]\.exists: must be true or false/],
  ];
  it.each(invalid)('rejects %s with a message naming the place', (_, input, message) => {
    expect(() => validateRule(input)).toThrow(RuleError);
    expect(() => validateRule(input)).toThrow(message);
  });

  it('accepts ordinary groups and escaped parentheses', () => {
    for (const regex of ['^(prod|staging)-[a-z]+$', '^arn:aws:kms:.*$', '\\(a+\\)+', '(ab)+', '^[a-z]+(-[a-z0-9]{2})?$']) {
      expect(() => validateRule({ path: 'a', regex }), regex).not.toThrow();
    }
  });

  it('bounds the size and depth of a rule', () => {
    let deep: unknown = { path: 'a', exists: true };
    for (let i = 0; i < 12; i++) deep = { not: deep };
    expect(() => validateRule(deep)).toThrow(/nested deeper than 10 levels/);
    const wide = { all: Array.from({ length: 5 }, () => ({ any: Array.from({ length: 50 }, () => ({ path: 'a', exists: true })) })) };
    expect(() => validateRule(wide)).toThrow(/more than 200 conditions/);
  });

  it('checks the metadata with the engine\'s rules and the custom_ prefix', () => {
    expect(customCheckProblems(spec(rule))).toEqual([]);
    expect(customCheckProblems(spec(rule, { checkId: 's3_mine' }))).toContain('checkId must start with "custom_" (got "s3_mine")');
    expect(customCheckProblems(spec(rule, { title: 'Ensure buckets are fine' }))).toContain('title must not start with "Ensure"');
    expect(() => compileCustomCheck(spec({ path: 'a', bogus: 1 }))).toThrow(RuleError);
  });
});
