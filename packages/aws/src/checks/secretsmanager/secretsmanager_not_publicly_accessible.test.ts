import type { PolicyDocument } from '../../lib/resource-policy.ts';
import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './secretsmanager_not_publicly_accessible.ts';

const secret = (policy: PolicyDocument | null) =>
  buildResource<Pick<SecretsManagerSecretAttributes, 'policy'>>('AwsSecretsManagerSecret', { policy }, { name: 'prod/db' });
const policy = (extra: object): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'read', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*', ...extra }],
});

testCheck(check, {
  pass: [
    { name: 'no policy', resource: secret(null), message: 'no public access' },
    { name: 'organization only', resource: secret(policy({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })) },
    { name: 'named role', resource: secret(policy({ Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } })) },
  ],
  fail: [{ name: 'everyone', resource: secret(policy({})), message: 'read (secretsmanager:GetSecretValue)' }],
  error: [{ name: 'denied', resource: withError(secret(null), 'policy', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
