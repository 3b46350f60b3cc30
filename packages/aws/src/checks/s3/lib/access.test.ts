import { describe, expect, it } from 'vitest';
import type { PolicyDocument, PolicyStatement } from '../../../lib/resource-policy.ts';
import type { S3Acl, S3PublicAccessBlock } from '../../../resources/s3.ts';
import {
  ACL_READ_PERMISSIONS,
  ACL_WRITE_PERMISSIONS,
  S3_WRITE_ACTIONS,
  accountOf,
  crossAccountGrants,
  deniesInsecureTransport,
  describeGrants,
  describeStatements,
  effectiveBlock,
  missingSettings,
  publicAclGrants,
  publicGroupOf,
  publicPolicyStatements,
  settingSource,
  statementCoversAction,
  statementCoversResource,
  wildcardMatch,
} from './access.ts';

const ARN = 'arn:aws:s3:::my-bucket';
const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const allow = (extra: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `${ARN}/*`,
  ...extra,
});
const denyHttp = (extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 'DenyHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...extra,
});

const OWNER = 'owner-canonical-id';
const acl = (...grants: S3Acl['grants']): S3Acl => ({
  ownerId: OWNER,
  grants: [{ type: 'CanonicalUser', id: OWNER, permission: 'FULL_CONTROL' }, ...grants],
});
const ALL = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const LOG = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

describe('ACL analysis', () => {
  it('recognises the public groups only', () => {
    expect(publicGroupOf({ type: 'Group', uri: ALL, permission: 'READ' })).toBe('AllUsers');
    expect(publicGroupOf({ type: 'Group', uri: AUTH, permission: 'READ' })).toBe('AuthenticatedUsers');
    expect(publicGroupOf({ type: 'Group', uri: LOG, permission: 'WRITE' })).toBeUndefined();
    expect(publicGroupOf({ type: 'CanonicalUser', id: OWNER, permission: 'FULL_CONTROL' })).toBeUndefined();
  });

  it('filters public grants by permission', () => {
    const a = acl(
      { type: 'Group', uri: ALL, permission: 'READ' },
      { type: 'Group', uri: AUTH, permission: 'WRITE_ACP' },
      { type: 'Group', uri: LOG, permission: 'WRITE' },
    );
    expect(publicAclGrants(a)).toHaveLength(2);
    expect(publicAclGrants(a, ACL_READ_PERMISSIONS).map((g) => g.permission)).toEqual(['READ']);
    expect(publicAclGrants(a, ACL_WRITE_PERMISSIONS).map((g) => g.permission)).toEqual(['WRITE_ACP']);
    expect(publicAclGrants(acl({ type: 'Group', uri: ALL, permission: 'FULL_CONTROL' }), ACL_WRITE_PERMISSIONS)).toHaveLength(1);
    expect(publicAclGrants(null)).toEqual([]);
    expect(describeGrants(publicAclGrants(a))).toBe('READ to AllUsers, WRITE_ACP to AuthenticatedUsers');
  });
});

describe('Block Public Access', () => {
  const on: S3PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
  const off: S3PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

  it('combines bucket and account settings per setting', () => {
    expect(effectiveBlock(null, null)).toEqual(off);
    expect(effectiveBlock(off, on)).toEqual(on);
    expect(effectiveBlock({ ...off, ignorePublicAcls: true }, { ...off, restrictPublicBuckets: true })).toEqual({
      ...off,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  it('lists missing settings and where a setting comes from', () => {
    expect(missingSettings(null)).toHaveLength(4);
    expect(missingSettings({ ...on, blockPublicPolicy: false })).toEqual(['blockPublicPolicy']);
    expect(settingSource('ignorePublicAcls', on, on)).toBe('bucket');
    expect(settingSource('ignorePublicAcls', null, on)).toBe('account');
    expect(settingSource('ignorePublicAcls', off, null)).toBeUndefined();
  });
});

describe('policy matching', () => {
  it('matches IAM wildcards case-insensitively', () => {
    expect(wildcardMatch('s3:*', 's3:PutObject')).toBe(true);
    expect(wildcardMatch('S3:put*', 's3:PutObject')).toBe(true);
    expect(wildcardMatch('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('s3:Get*', 's3:PutObject')).toBe(false);
    expect(wildcardMatch('arn:aws:s3:::my-bucket/*', 'arn:aws:s3:::my-bucket/a/b')).toBe(true);
    expect(wildcardMatch('arn:aws:s3:::my-bucket.x/*', 'arn:aws:s3:::my-bucketXx/a')).toBe(false);
  });

  it('handles Action/NotAction and Resource/NotResource', () => {
    expect(statementCoversAction({ Action: ['s3:Get*', 's3:List*'] }, 's3:ListBucket')).toBe(true);
    expect(statementCoversAction({ NotAction: 's3:Get*' }, 's3:PutObject')).toBe(true);
    expect(statementCoversAction({ NotAction: 's3:*' }, 's3:PutObject')).toBe(false);
    expect(statementCoversAction({}, 's3:PutObject')).toBe(false);
    expect(statementCoversResource({ Resource: '*' }, `${ARN}/k`)).toBe(true);
    expect(statementCoversResource({ NotResource: `${ARN}/private/*` }, `${ARN}/k`)).toBe(true);
    expect(statementCoversResource({ Resource: ARN }, `${ARN}/k`)).toBe(false);
  });
});

describe('publicPolicyStatements', () => {
  it('finds Allow statements open to everyone', () => {
    expect(publicPolicyStatements(doc(allow({ Sid: 'Read' })))).toEqual([{ sid: 'Read', actions: ['s3:GetObject'] }]);
    expect(publicPolicyStatements(doc(allow({ Principal: { AWS: '*' } })))).toHaveLength(1);
    expect(publicPolicyStatements(doc(allow({ Principal: { AWS: ['*'] } })))).toHaveLength(1);
    expect(publicPolicyStatements(doc(allow({ Principal: { CanonicalUser: '*' } })))).toHaveLength(1);
    expect(publicPolicyStatements(doc(allow({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } })))).toHaveLength(1);
    expect(publicPolicyStatements({ Statement: allow({}) })).toHaveLength(1);
  });

  it('ignores statements limited to principals, narrowed by conditions, or denying', () => {
    expect(publicPolicyStatements(null)).toEqual([]);
    expect(publicPolicyStatements(doc(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })))).toEqual([]);
    expect(publicPolicyStatements(doc(allow({ Principal: { Service: 'logging.s3.amazonaws.com' } })))).toEqual([]);
    expect(publicPolicyStatements(doc(allow({ Effect: 'Deny' })))).toEqual([]);
    expect(publicPolicyStatements(doc(allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })))).toEqual([]);
    expect(publicPolicyStatements(doc(allow({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })))).toEqual([]);
    expect(publicPolicyStatements(doc(allow({ Condition: { StringEquals: { 's3:DataAccessPointAccount': '123456789012' } } })))).toEqual([]);
    expect(publicPolicyStatements(doc(allow({ Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })))).toEqual([]);
  });

  it('keeps statements whose conditions do not narrow the callers', () => {
    expect(publicPolicyStatements(doc(allow({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })))).toHaveLength(1);
    expect(publicPolicyStatements(doc(allow({ Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })))).toHaveLength(1);
    expect(publicPolicyStatements(doc(allow({ Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })))).toHaveLength(1);
    expect(
      publicPolicyStatements(doc(allow({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } } }))),
    ).toHaveLength(1);
  });

  it('reports only the requested actions', () => {
    const p = doc(
      allow({ Sid: 'Read', Action: ['s3:GetObject', 's3:ListBucket'] }),
      allow({ Sid: 'Upload', Action: 's3:Put*' }),
      allow({ Sid: 'All', Action: '*' }),
      allow({ Sid: 'AllButRead', Action: undefined, NotAction: 's3:Get*' }),
    );
    const writes = publicPolicyStatements(p, S3_WRITE_ACTIONS);
    expect(writes.map((s) => s.sid)).toEqual(['Upload', 'All', 'AllButRead']);
    expect(writes[0]?.actions).toContain('s3:PutObject');
    expect(writes[0]?.actions).not.toContain('s3:DeleteObject');
    expect(describeStatements(writes.slice(0, 1), 3, 1)).toBe('Upload (s3:PutObject, …)');
    expect(describeStatements([{ sid: 'a', actions: ['x'] }, { sid: 'b', actions: ['y'] }], 1)).toBe('a (x) and 1 more');
  });
});

describe('deniesInsecureTransport', () => {
  it('accepts the CIS statement and its variants', () => {
    expect(deniesInsecureTransport(doc(denyHttp()), ARN)).toBe(true);
    expect(deniesInsecureTransport(doc(denyHttp({ Principal: { AWS: '*' }, Action: '*', Resource: '*' })), ARN)).toBe(true);
    expect(deniesInsecureTransport(doc(denyHttp({ Resource: `${ARN}/*`, Condition: { Bool: { 'aws:SecureTransport': false } } })), ARN)).toBe(true);
    expect(deniesInsecureTransport(doc(denyHttp({ Condition: { BoolIfExists: { 'aws:securetransport': ['false'] } } })), ARN)).toBe(true);
    expect(deniesInsecureTransport({ Statement: denyHttp() }, ARN)).toBe(true);
  });

  it('rejects statements that leave HTTP open', () => {
    expect(deniesInsecureTransport(null, ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Effect: 'Allow' })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Action: 's3:GetObject' })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Resource: ARN })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Resource: `${ARN}/private/*` })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Resource: 'arn:aws:s3:::other-bucket/*' })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })), ARN)).toBe(false);
    expect(deniesInsecureTransport(doc(denyHttp({ Condition: undefined })), ARN)).toBe(false);
  });
});

describe('crossAccountGrants', () => {
  const ME = '123456789012';
  it('finds principals in other accounts', () => {
    const p = doc(
      allow({ Sid: 'Partner', Principal: { AWS: ['arn:aws:iam::111122223333:role/reader', `arn:aws:iam::${ME}:root`] } }),
      allow({ Sid: 'Bare', Principal: { AWS: '444455556666' } }),
      allow({ Sid: 'Svc', Principal: { Service: 'cloudtrail.amazonaws.com' } }),
      allow({ Sid: 'Mine', Principal: { AWS: `arn:aws:iam::${ME}:role/app` } }),
    );
    expect(crossAccountGrants(p, ME)).toEqual([
      { sid: 'Partner', grantee: '111122223333' },
      { sid: 'Bare', grantee: '444455556666' },
    ]);
    expect(crossAccountGrants(p, ME, { trustedAccountIds: ['111122223333', '444455556666'] })).toEqual([]);
  });

  it('treats everyone-principals by their conditions', () => {
    expect(crossAccountGrants(doc(allow({ Sid: 'Open' })), ME)).toEqual([{ sid: 'Open', grantee: 'everyone' }]);
    expect(crossAccountGrants(doc(allow({ Condition: { StringEquals: { 'aws:PrincipalAccount': ME } } })), ME)).toEqual([]);
    expect(crossAccountGrants(doc(allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })), ME)).toEqual([]);
    expect(
      crossAccountGrants(doc(allow({ Sid: 'Src', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::999988887777:distribution/E1' } } })), ME),
    ).toEqual([{ sid: 'Src', grantee: '999988887777' }]);
    const org = doc(allow({ Sid: 'Org', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }));
    expect(crossAccountGrants(org, ME)).toEqual([{ sid: 'Org', grantee: 'organization o-a1b2c3d4e5' }]);
    expect(crossAccountGrants(org, ME, { trustedOrganizationIds: ['o-a1b2c3d4e5'] })).toEqual([]);
    const paths = doc(allow({ Sid: 'Ou', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } } }));
    expect(crossAccountGrants(paths, ME, { trustedOrganizationIds: ['o-a1b2c3d4e5'] })).toEqual([]);
    expect(crossAccountGrants(paths, ME)).toEqual([{ sid: 'Ou', grantee: 'organization o-a1b2c3d4e5' }]);
  });

  it('reads account ids from ids and ARNs', () => {
    expect(accountOf('111122223333')).toBe('111122223333');
    expect(accountOf('arn:aws-us-gov:iam::111122223333:user/x')).toBe('111122223333');
    expect(accountOf('arn:aws:s3:::bucket')).toBeUndefined();
    expect(accountOf('*')).toBeUndefined();
  });
});
