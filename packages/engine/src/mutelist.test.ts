import { describe, expect, it } from 'vitest';
import { InputFileError } from './errors.ts';
import { Mutelist } from './mutelist.ts';

const finding = (o: { account?: string; checkId?: string; region?: string; id?: string; name?: string; tags?: Record<string, string> } = {}) => ({
  account: o.account ?? '123456789012',
  checkId: o.checkId ?? 's3_bucket_public_access',
  region: o.region ?? 'eu-west-1',
  resource: {
    id: o.id ?? 'arn:aws:s3:::website-assets',
    name: o.name ?? 'website-assets',
    type: 'AwsS3Bucket',
    region: o.region ?? 'eu-west-1',
    tags: o.tags ?? {},
  },
});

const yaml = `
Mutelist:
  Accounts:
    "123456789012":
      Checks:
        "s3_bucket_public_access":
          Regions:
            - "eu-west-1"
          Resources:
            - "website-.*"
          Description: "Public website buckets are intended"
        "iam_*":
          Regions: ["*"]
          Resources: ["*"]
          Tags:
            - "environment=dev|environment=test"
            - "owner=.*"
          Exceptions:
            Regions: ["us-east-1"]
    "*":
      Checks:
        "*":
          Regions: ["*"]
          Resources: ["sandbox-.*"]
          Exceptions:
            Accounts: ["999999999999"]
`;

describe('Mutelist (Prowler format)', () => {
  const m = Mutelist.parse(yaml);

  it('mutes by account, check, region and resource regex, with the description as reason', () => {
    expect(m.match(finding())).toEqual({ muted: true, reason: 'Public website buckets are intended' });
    expect(m.match(finding({ region: 'us-east-1' })).muted).toBe(false);
    expect(m.match(finding({ id: 'arn:aws:s3:::data', name: 'data' })).muted).toBe(false);
    expect(m.match(finding({ account: '111111111111' })).muted).toBe(false);
  });

  it('matches check keys as regular expressions and requires every tag entry', () => {
    const iam = { checkId: 'iam_user_mfa_enabled_console_access', id: 'arn:aws:iam::123456789012:user/bob', name: 'bob' };
    expect(m.match(finding({ ...iam, tags: { environment: 'dev', owner: 'x' } })).muted).toBe(true);
    expect(m.match(finding({ ...iam, tags: { environment: 'test', owner: 'y' } })).muted).toBe(true);
    expect(m.match(finding({ ...iam, tags: { environment: 'prod', owner: 'x' } })).muted).toBe(false);
    expect(m.match(finding({ ...iam, tags: { environment: 'dev' } })).muted).toBe(false);
  });

  it('honours exceptions', () => {
    const iam = { checkId: 'iam_root_mfa_enabled', tags: { environment: 'dev', owner: 'x' } };
    expect(m.match(finding({ ...iam, region: 'us-east-1' })).muted).toBe(false);
    expect(m.match(finding({ name: 'sandbox-1', id: 'arn:aws:s3:::sandbox-1', account: '555555555555', checkId: 'x_y' })).muted).toBe(true);
    expect(m.match(finding({ name: 'sandbox-1', id: 'arn:aws:s3:::sandbox-1', account: '999999999999', checkId: 'x_y' })).muted).toBe(false);
  });

  it('does not treat an exact check id as a prefix', () => {
    expect(m.match(finding({ checkId: 's3_bucket_public_access_extra' })).muted).toBe(false);
  });

  it('rejects malformed files with a message that says what is expected', () => {
    expect(() => Mutelist.parse('Mutelist: [')).toThrow(InputFileError);
    expect(() => Mutelist.parse('Accounts: {}')).toThrow(/Mutelist: Accounts/);
    expect(() => Mutelist.parse('Mutelist:\n  Accounts:\n    "*":\n      Checks:\n        "*":\n          Resources: ["("]\n')).toThrow(
      /not a valid regular expression/,
    );
  });
});
