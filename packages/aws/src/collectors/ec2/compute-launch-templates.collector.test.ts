import { DescribeLaunchTemplateVersionsCommand, DescribeLaunchTemplatesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './compute-launch-templates.collector.ts';

const ec2 = mockClient(EC2Client);

const template = (n: number, latest: number) => ({
  LaunchTemplateId: `lt-000000000000000${n}`,
  LaunchTemplateName: `app-${n}`,
  CreateTime: new Date('2026-01-01T00:00:00Z'),
  CreatedBy: 'arn:aws:iam::123456789012:user/ops',
  DefaultVersionNumber: 1,
  LatestVersionNumber: latest,
  Tags: [],
});

const v1 = {
  LaunchTemplateId: 'lt-0000000000000001',
  LaunchTemplateName: 'app-1',
  VersionNumber: 1,
  DefaultVersion: true,
  LaunchTemplateData: {
    ImageId: 'ami-0123',
    MetadataOptions: { HttpTokens: 'required' as const, HttpEndpoint: 'enabled' as const, HttpPutResponseHopLimit: 1 },
    UserData: Buffer.from('#!/bin/bash\necho hello\n').toString('base64'),
  },
};
const v2 = {
  LaunchTemplateId: 'lt-0000000000000001',
  LaunchTemplateName: 'app-1',
  VersionNumber: 2,
  DefaultVersion: false,
  LaunchTemplateData: {
    ImageId: 'ami-0456',
    NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
  },
};

describe('ec2-launch-templates collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page and reads the default and latest versions with one call per template', async () => {
    ec2
      .on(DescribeLaunchTemplatesCommand)
      .resolvesOnce({ LaunchTemplates: [template(1, 2)], NextToken: 'p2' })
      .resolvesOnce({ LaunchTemplates: [template(2, 1)] });
    ec2
      .on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-0000000000000001' })
      .resolves({ LaunchTemplateVersions: [v1, v2] })
      .on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateId: 'lt-0000000000000002' })
      // $Default and $Latest are the same version: returned twice, kept once.
      .resolves({
        LaunchTemplateVersions: [
          { LaunchTemplateId: 'lt-0000000000000002', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: {} },
          { LaunchTemplateId: 'lt-0000000000000002', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: {} },
        ],
      });
    const { resources } = await collect(collector);
    expect(ec2.commandCalls(DescribeLaunchTemplatesCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'p2' });
    const versionCalls = ec2.commandCalls(DescribeLaunchTemplateVersionsCommand);
    expect(versionCalls).toHaveLength(2);
    expect(versionCalls[0]?.args[0].input).toMatchObject({ Versions: ['$Default', '$Latest'] });
    expect(resources.map((r) => [r.id, r.name])).toEqual([
      ['arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0000000000000001', 'app-1'],
      ['arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0000000000000002', 'app-2'],
    ]);
    expect(resources[0]?.attributes).toMatchObject({
      defaultVersionNumber: 1,
      latestVersionNumber: 2,
      versions: [
        { versionNumber: 1, isDefault: true, metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' }, associatePublicIpAddress: false },
        { versionNumber: 2, isDefault: false, metadataOptions: null, associatePublicIpAddress: true },
      ],
      versionsUserData: [
        { versionNumber: 1, userData: '#!/bin/bash\necho hello\n' },
        { versionNumber: 2, userData: null },
      ],
    });
    expect(resources[1]?.attributes).toMatchObject({ versions: [{ versionNumber: 1, metadataOptions: null }] });
  });

  it('maps InvalidLaunchTemplateId.NotFound (deleted meanwhile) to null', async () => {
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [template(1, 1)] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).rejects(awsError('InvalidLaunchTemplateId.NotFound', 'The specified launch template does not exist.'));
    const { resources } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ versions: null, versionsUserData: null });
    expect(resources[0]?.errors).toEqual({});
  });

  it('records UnauthorizedOperation on both version attributes', async () => {
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [template(1, 1)] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.versions?.code).toBe('UnauthorizedOperation');
    expect(resources[0]?.errors.versionsUserData?.code).toBe('UnauthorizedOperation');
  });

  it('rejects when the listing is denied', async () => {
    ec2.on(DescribeLaunchTemplatesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [template(1, 1)] });
    ec2
      .on(DescribeLaunchTemplateVersionsCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ LaunchTemplateVersions: [v1] });
    const { resources, stats } = await collect(collector, { wants: ['versions'] });
    expect(resources[0]?.attributes).toMatchObject({ versions: [{ versionNumber: 1 }] });
    expect(resources[0]?.attributes).not.toHaveProperty('versionsUserData');
    expect(stats.throttles).toBe(1);
  });

  it('makes no DescribeLaunchTemplateVersions call when no check wants versions', async () => {
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [template(1, 2), template(2, 1)] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)).toHaveLength(0);
    expect(stats.apiCalls).toBe(1);
  });
});
