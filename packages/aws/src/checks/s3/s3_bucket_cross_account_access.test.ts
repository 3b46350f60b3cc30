import type { PolicyStatement } from '../../lib/resource-policy.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_cross_account_access.ts';
import { bucket } from './lib/fixtures.ts';

const stmt = (extra: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::example-bucket/*',
  ...extra,
});
const withPolicy = (...Statement: PolicyStatement[]) => bucket({ policy: { Version: '2012-10-17', Statement } });
const partner = stmt({ Sid: 'Partner', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' } });
const org = stmt({ Sid: 'Org', Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });

testCheck(check, {
  pass: [
    { name: 'no policy', resource: bucket({ policy: null }), message: 'has no bucket policy' },
    { name: 'own account only', resource: withPolicy(stmt({ Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } })), message: 'untrusted' },
    { name: 'service principal', resource: withPolicy(stmt({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' })) },
    { name: 'trusted partner', resource: withPolicy(partner), options: { trustedAccountIds: ['111122223333'] } },
    { name: 'trusted organization', resource: withPolicy(org), options: { trustedOrganizationIds: ['o-a1b2c3d4e5'] } },
    {
      name: 'everyone pinned to this account',
      resource: withPolicy(stmt({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } })),
    },
  ],
  fail: [
    { name: 'partner account', resource: withPolicy(partner), message: '111122223333 (Partner)' },
    { name: 'everyone', resource: withPolicy(stmt({ Sid: 'Open', Principal: '*' })), message: 'everyone (Open)' },
    { name: 'organization not trusted', resource: withPolicy(org), message: 'organization o-a1b2c3d4e5' },
    { name: 'other partner than the trusted one', resource: withPolicy(partner), options: { trustedAccountIds: ['444455556666'] } },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'policy'), code: 'AccessDenied' }],
});
