import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './keys.collector.ts';

const kms = mockClient(KMSClient);

const ARN = 'arn:aws:kms:us-east-1:123456789012:key/';
const CUSTOMER = '1234abcd-12ab-34cd-56ef-1234567890ab';
const AWS_MANAGED = '0987dcba-09fe-87dc-65ba-ab0987654321';
const ASYMMETRIC = '11112222-3333-4444-5555-666677778888';

const metadata = (keyId: string, extra: Record<string, unknown> = {}) => ({
  KeyMetadata: {
    AWSAccountId: '123456789012',
    KeyId: keyId,
    Arn: ARN + keyId,
    CreationDate: new Date('2024-03-01T10:00:00Z'),
    Enabled: true,
    Description: '',
    KeyUsage: 'ENCRYPT_DECRYPT' as const,
    KeyState: 'Enabled' as const,
    Origin: 'AWS_KMS' as const,
    KeyManager: 'CUSTOMER' as const,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT' as const,
    KeySpec: 'SYMMETRIC_DEFAULT' as const,
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT' as const],
    MultiRegion: false,
    ...extra,
  },
});

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
});

function mockTwoPagesOfKeys() {
  kms
    .on(ListKeysCommand)
    .resolves({ Keys: [{ KeyId: CUSTOMER, KeyArn: ARN + CUSTOMER }], Truncated: true, NextMarker: 'page2' })
    .on(ListKeysCommand, { Marker: 'page2' })
    .resolves({
      Keys: [
        { KeyId: AWS_MANAGED, KeyArn: ARN + AWS_MANAGED },
        { KeyId: ASYMMETRIC, KeyArn: ARN + ASYMMETRIC },
      ],
      Truncated: false,
    });
  kms.on(ListAliasesCommand).resolves({
    Aliases: [
      { AliasName: 'alias/app-data', AliasArn: 'arn:aws:kms:us-east-1:123456789012:alias/app-data', TargetKeyId: CUSTOMER },
      { AliasName: 'alias/aws/rds', AliasArn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/rds', TargetKeyId: AWS_MANAGED },
      { AliasName: 'alias/aws/unused', AliasArn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/unused' },
    ],
    Truncated: false,
  });
  kms
    .on(DescribeKeyCommand, { KeyId: ARN + CUSTOMER })
    .resolves(metadata(CUSTOMER, { Description: 'application data' }))
    .on(DescribeKeyCommand, { KeyId: ARN + AWS_MANAGED })
    .resolves(metadata(AWS_MANAGED, { KeyManager: 'AWS', Description: 'Default key that protects my RDS database volumes when no other key is defined' }))
    .on(DescribeKeyCommand, { KeyId: ARN + ASYMMETRIC })
    .resolves(
      metadata(ASYMMETRIC, {
        KeyUsage: 'SIGN_VERIFY',
        KeySpec: 'ECC_NIST_P256',
        CustomerMasterKeySpec: 'ECC_NIST_P256',
        KeyState: 'PendingDeletion',
        Enabled: false,
        DeletionDate: new Date('2026-11-20T00:00:00Z'),
        PendingDeletionWindowInDays: 30,
        MultiRegion: true,
        MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' },
      }),
    );
}

describe('kms-keys collector', () => {
  beforeEach(() => kms.reset());

  it('lists every page of keys with their metadata, aliases and enrichments', async () => {
    mockTwoPagesOfKeys();
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true, KeyId: ARN + CUSTOMER, RotationPeriodInDays: 365, NextRotationDate: new Date('2027-03-01T10:00:00Z') });
    kms.on(GetKeyPolicyCommand).resolves({ Policy: POLICY, PolicyName: 'default' });
    kms.on(ListResourceTagsCommand, { KeyId: ARN + CUSTOMER }).resolves({ Tags: [{ TagKey: 'team', TagValue: 'data' }], Truncated: true, NextMarker: 't2' });
    kms.on(ListResourceTagsCommand, { KeyId: ARN + CUSTOMER, Marker: 't2' }).resolves({ Tags: [{ TagKey: 'env', TagValue: 'prod' }], Truncated: false });
    kms.on(ListResourceTagsCommand, { KeyId: ARN + ASYMMETRIC }).resolves({ Tags: [], Truncated: false });

    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual([CUSTOMER, AWS_MANAGED, ASYMMETRIC]);
    const [customer, managed, asym] = resources;
    expect(customer?.id).toBe(ARN + CUSTOMER);
    expect(customer?.region).toBe('us-east-1');
    expect(customer?.attributes).toMatchObject({
      keyId: CUSTOMER,
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      multiRegion: false,
      multiRegionKeyType: null,
      aliases: ['alias/app-data'],
      creationDate: '2024-03-01T10:00:00.000Z',
      deletionDate: null,
      rotation: { enabled: true, periodInDays: 365, nextRotationDate: '2027-03-01T10:00:00.000Z' },
      keyPolicy: { Statement: [{ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }] },
      tags: { team: 'data', env: 'prod' },
    });
    expect(customer?.tags).toEqual({ team: 'data', env: 'prod' });
    expect(customer?.errors).toEqual({});
    // AWS managed key: no tag call; asymmetric key: rotation does not exist, no call.
    expect(managed?.attributes).toMatchObject({ keyManager: 'AWS', aliases: ['alias/aws/rds'], tags: {} });
    expect(asym?.attributes).toMatchObject({
      keyState: 'PendingDeletion',
      deletionDate: '2026-11-20T00:00:00.000Z',
      pendingDeletionWindowInDays: 30,
      multiRegion: true,
      multiRegionKeyType: 'PRIMARY',
      rotation: null,
    });
    expect(kms.commandCalls(ListKeysCommand)).toHaveLength(2);
    expect(kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId)).toEqual([ARN + CUSTOMER]);
    expect(kms.commandCalls(GetKeyPolicyCommand).map((c) => c.args[0].input)).toContainEqual({ KeyId: ARN + CUSTOMER, PolicyName: 'default' });
    expect(kms.commandCalls(ListResourceTagsCommand).map((c) => c.args[0].input.KeyId)).not.toContain(ARN + AWS_MANAGED);
  });

  it('yields nothing and makes no further call when the region has no key', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [], Truncated: false });
    const { resources, stats } = await collect(collector);
    expect(resources).toEqual([]);
    expect(stats.apiCalls).toBe(1);
  });

  it('maps UnsupportedOperationException on the rotation status to null', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: CUSTOMER, KeyArn: ARN + CUSTOMER }] });
    kms.on(ListAliasesCommand).resolves({ Aliases: [] });
    kms.on(DescribeKeyCommand).resolves(metadata(CUSTOMER));
    kms.on(GetKeyRotationStatusCommand).rejects(awsError('UnsupportedOperationException', 'This operation is not supported for this KMS key.'));
    const { resources } = await collect(collector, { wants: ['rotation'] });
    expect(resources[0]?.attributes.rotation).toBeNull();
    expect(resources[0]?.errors).toEqual({});
  });

  it('records AccessDenied on an enrichment on that attribute only', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: CUSTOMER, KeyArn: ARN + CUSTOMER }] });
    kms.on(ListAliasesCommand).resolves({ Aliases: [] });
    kms.on(DescribeKeyCommand).resolves(metadata(CUSTOMER));
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
    kms.on(GetKeyPolicyCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: kms:GetKeyPolicy', 400));
    const { resources } = await collect(collector, { wants: ['rotation', 'keyPolicy'] });
    expect(resources[0]?.errors.keyPolicy?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes.keyPolicy).toBeUndefined();
    expect(resources[0]?.attributes.rotation).toEqual({ enabled: false });
  });

  it('records a DescribeKey denial on that key’s attributes and keeps the other keys', async () => {
    mockTwoPagesOfKeys();
    kms.on(DescribeKeyCommand, { KeyId: ARN + CUSTOMER }).rejects(awsError('AccessDeniedException', 'denied by the key policy'));
    const { resources } = await collect(collector, { wants: ['rotation'] });
    expect(resources).toHaveLength(3);
    expect(resources[0]?.errors.keyManager?.code).toBe('AccessDeniedException');
    expect(resources[0]?.errors.rotation?.code).toBe('AccessDeniedException');
    expect(resources[0]?.errors.keyPolicy).toBeUndefined();
    expect(resources[1]?.errors).toEqual({});
  });

  it('skips a key deleted between ListKeys and DescribeKey', async () => {
    mockTwoPagesOfKeys();
    kms.on(DescribeKeyCommand, { KeyId: ARN + ASYMMETRIC }).rejects(awsError('NotFoundException', 'Key not found'));
    const { resources } = await collect(collector, { wants: [] });
    expect(resources.map((r) => r.name)).toEqual([CUSTOMER, AWS_MANAGED]);
  });

  it('rejects when the listing is denied', async () => {
    kms.on(ListKeysCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: kms:ListKeys'));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    kms
      .on(ListKeysCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ Keys: [{ KeyId: CUSTOMER, KeyArn: ARN + CUSTOMER }] });
    kms.on(ListAliasesCommand).resolves({ Aliases: [] });
    kms.on(DescribeKeyCommand).resolves(metadata(CUSTOMER));
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(4);
  });

  it('makes no enrichment call when no check wants one', async () => {
    mockTwoPagesOfKeys();
    const { resources } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(3);
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(0);
    expect(kms.commandCalls(GetKeyPolicyCommand)).toHaveLength(0);
    expect(kms.commandCalls(ListResourceTagsCommand)).toHaveLength(0);
    expect(resources[0]?.attributes).not.toHaveProperty('rotation');
  });
});
