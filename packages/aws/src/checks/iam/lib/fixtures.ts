/** Test fixtures shared by the IAM and account check tests. */
import { buildResource } from '../../../testing/index.ts';
import type {
  AccessKey,
  AccountAttributes,
  CredentialReportRow,
  GroupAttributes,
  InlinePolicyAttributes,
  PolicyAttributes,
  PolicyDocument,
  RoleAttributes,
  UserAttributes,
} from '../../../resources/iam.ts';

export const ACCOUNT = '123456789012';

export const account = (attributes: Partial<AccountAttributes>) =>
  buildResource<Partial<AccountAttributes>>('AwsAccount', attributes, {
    name: ACCOUNT,
    region: 'global',
    id: `arn:aws:iam::${ACCOUNT}:root`,
  });

export const user = (name: string, attributes: Partial<UserAttributes>) =>
  buildResource<Partial<UserAttributes>>('AwsIamUser', attributes, {
    name,
    region: 'global',
    id: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  });

export const role = (name: string, attributes: Partial<RoleAttributes>) =>
  buildResource<Partial<RoleAttributes>>('AwsIamRole', { serviceLinked: false, path: '/', ...attributes }, {
    name,
    region: 'global',
    id: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  });

export const group = (name: string, attributes: Partial<GroupAttributes>) =>
  buildResource<Partial<GroupAttributes>>('AwsIamGroup', attributes, {
    name,
    region: 'global',
    id: `arn:aws:iam::${ACCOUNT}:group/${name}`,
  });

export const policy = (name: string, attributes: Partial<PolicyAttributes>) =>
  buildResource<Partial<PolicyAttributes>>(
    'AwsIamPolicy',
    { awsManaged: false, attachmentCount: 1, ...attributes },
    {
      name,
      region: 'global',
      id: attributes.awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    },
  );

export const inline = (name: string, document: PolicyDocument | null) =>
  buildResource<Partial<InlinePolicyAttributes>>(
    'AwsIamInlinePolicy',
    { principalType: 'role', principalName: 'app', principalArn: `arn:aws:iam::${ACCOUNT}:role/app`, policyName: name, document },
    { name: `app/${name}`, region: 'global' },
  );

export const doc = (...statements: object[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements as never });

export const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };

export const key = (o: Partial<AccessKey> & { accessKeyId: string }): AccessKey => ({
  status: 'Active',
  createDate: '2026-10-01T00:00:00.000Z',
  lastUsedDate: null,
  lastUsedService: null,
  lastUsedRegion: null,
  ...o,
});

export const reportRow = (o: Partial<CredentialReportRow> = {}): CredentialReportRow => ({
  user: 'alice',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  userCreationTime: '2026-01-01T00:00:00.000Z',
  passwordEnabled: false,
  passwordLastUsed: null,
  passwordLastChanged: null,
  mfaActive: false,
  accessKeys: [
    { slot: 1, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
    { slot: 2, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
  ],
  certificates: [],
  ...o,
});
