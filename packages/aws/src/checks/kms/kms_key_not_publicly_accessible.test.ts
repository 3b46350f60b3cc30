import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { KmsKeyAttributes, KmsPolicyStatement } from '../../resources/kms.ts';
import check from './kms_key_not_publicly_accessible.ts';

const ROOT: KmsPolicyStatement = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::123456789012:root' },
  Action: 'kms:*',
  Resource: '*',
};
const key = (statements: KmsPolicyStatement[], a: Partial<KmsKeyAttributes> = {}) =>
  buildResource<Partial<KmsKeyAttributes>>(
    'AwsKmsKey',
    { keyId: 'k-1', keyManager: 'CUSTOMER', aliases: [], keyPolicy: { Version: '2012-10-17', Statement: statements }, ...a },
    { name: 'k-1' },
  );
const open = (extra: Partial<KmsPolicyStatement> = {}): KmsPolicyStatement => ({
  Sid: 'Open',
  Effect: 'Allow',
  Principal: '*',
  Action: ['kms:Decrypt', 'kms:Encrypt'],
  Resource: '*',
  ...extra,
});

testCheck(check, {
  pass: [
    { name: 'account root only', resource: key([ROOT]), message: 'does not grant access to everyone' },
    { name: 'empty policy', resource: key([]) },
    { name: 'wildcard limited by organization', resource: key([ROOT, open({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })]) },
    { name: 'wildcard limited by caller account', resource: key([open({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } })]) },
    { name: 'wildcard denied', resource: key([ROOT, open({ Effect: 'Deny' })]) },
    { name: 'service principal', resource: key([open({ Principal: { Service: 'logs.us-east-1.amazonaws.com' } })]) },
  ],
  fail: [
    { name: 'Principal "*"', resource: key([ROOT, open()]), message: 'statement "Open"' },
    { name: 'AWS "*" in a list, no Sid', resource: key([open({ Sid: undefined, Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } })]), message: '#1' },
    { name: 'NotPrincipal allow', resource: key([open({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } })]) },
    { name: 'negated condition does not restrict', resource: key([open({ Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } })]) },
    { name: 'IfExists condition does not restrict', resource: key([open({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } } })]) },
    { name: 'wildcard condition value', resource: key([open({ Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' } } })]) },
    { name: 'unrelated condition', resource: key([open({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })]) },
  ],
  error: [{ name: 'policy denied', resource: withError(key([]), 'keyPolicy', 'AccessDeniedException'), code: 'AccessDeniedException' }],
  notApplicable: [{ name: 'AWS managed key', resource: key([open()], { keyManager: 'AWS' }) }],
});
