import { describe, expect, it } from 'vitest';
import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_secrets_user_data.ts';
import { instance } from './lib/compute-fixtures.ts';
import { describeSecrets, findSecrets } from './lib/compute-secrets.ts';

const withUserData = (userData: string | null) => instance({ userData });

const clean = [
  '#!/bin/bash',
  'TOKEN=$(curl -s -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")',
  'DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)',
  'export API_KEY="${API_KEY}"',
  'git clone https://github.com/example/app.git',
  'yum install -y nginx',
].join('\n');

testCheck(check, {
  pass: [
    { name: 'no user data', resource: withUserData(null), message: 'no user data' },
    { name: 'script fetching secrets at run time', resource: withUserData(clean), message: 'no secrets detected' },
  ],
  fail: [
    {
      name: 'AWS keys',
      resource: withUserData('#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'),
      message: 'AWS access key id (line 2), AWS secret access key (line 3)',
    },
    {
      name: 'private key',
      resource: withUserData('#cloud-config\nwrite_files:\n  - content: |\n      -----BEGIN OPENSSH PRIVATE KEY-----\n'),
      message: 'private key (line 4)',
    },
    { name: 'password assignment', resource: withUserData('#!/bin/bash\nMYSQL_ROOT_PASSWORD="Sup3rS3cret!"\n'), message: 'password or API key assignment (line 2)' },
    { name: 'credentials in a URL', resource: withUserData('psql postgres://app:hunter2hunter2@db.internal:5432/app\n'), message: 'credentials in a URL' },
  ],
  error: [{ name: 'DescribeInstanceAttribute denied', resource: withError(instance(), 'userData', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
});

describe('findSecrets', () => {
  it('never puts the secret itself in the description', () => {
    const text = 'password=CorrectHorseBatteryStaple';
    expect(describeSecrets(findSecrets(text))).not.toContain('CorrectHorse');
  });

  it('ignores references and short values', () => {
    expect(findSecrets('password=$PASS\napi_key: {{ api_key }}\npassword=short\nurl=https://user:$TOKEN@host/')).toEqual([]);
  });

  it('finds tokens of common providers', () => {
    const text = ['ghp_' + 'a'.repeat(36), 'xoxb-1234567890-abcdefghij', 'sk_live_' + 'b'.repeat(24), 'AIza' + 'c'.repeat(35)].join('\n');
    expect(findSecrets(text).map((m) => m.kind)).toEqual(['GitHub token', 'Slack token', 'Stripe secret key', 'Google API key']);
  });

  it('caps the description', () => {
    const many = Array.from({ length: 7 }, () => ({ kind: 'private key', line: 1 }));
    expect(describeSecrets(many)).toMatch(/2 more$/);
  });
});
