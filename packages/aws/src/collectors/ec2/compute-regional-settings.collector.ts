import {
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetImageBlockPublicAccessStateCommand,
  GetInstanceMetadataDefaultsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { Ec2RegionalSettingsAttributes } from '../../resources/ec2-compute.ts';

/**
 * Region-wide EC2 and EBS settings (`AwsEc2RegionalSettings`, one per account and region):
 * EBS encryption by default, snapshot and AMI block public access, IMDS account defaults.
 * Every attribute is an enrichment, so only the settings the selected checks read are fetched.
 */
export default defineAwsCollector({
  id: 'ec2-regional-settings',
  service: 'ec2',
  resourceType: 'AwsEc2RegionalSettings',
  scope: 'regional',
  calls: [],
  attributes: {
    ebsEncryptionByDefault: {
      calls: [{ api: 'GetEbsEncryptionByDefault', action: 'ec2:GetEbsEncryptionByDefault' }],
    },
    ebsDefaultKmsKeyId: {
      calls: [{ api: 'GetEbsDefaultKmsKeyId', action: 'ec2:GetEbsDefaultKmsKeyId' }],
    },
    snapshotBlockPublicAccessState: {
      calls: [{ api: 'GetSnapshotBlockPublicAccessState', action: 'ec2:GetSnapshotBlockPublicAccessState' }],
    },
    imageBlockPublicAccessState: {
      calls: [{ api: 'GetImageBlockPublicAccessState', action: 'ec2:GetImageBlockPublicAccessState' }],
    },
    instanceMetadataDefaults: {
      calls: [{ api: 'GetInstanceMetadataDefaults', action: 'ec2:GetInstanceMetadataDefaults' }],
    },
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const settings = ctx.resource<Partial<Ec2RegionalSettingsAttributes>>({
      id: ctx.arn('ec2', 'regional-settings'),
      name: `${ctx.account}/${ctx.region}`,
      attributes: {},
    });
    await ctx.enrich(settings, 'ebsEncryptionByDefault', async () => {
      const out = await ec2.send(new GetEbsEncryptionByDefaultCommand({}));
      return out.EbsEncryptionByDefault ?? false;
    });
    await ctx.enrich(settings, 'ebsDefaultKmsKeyId', async () => {
      const out = await ec2.send(new GetEbsDefaultKmsKeyIdCommand({}));
      return out.KmsKeyId ?? null;
    });
    await ctx.enrich(settings, 'snapshotBlockPublicAccessState', async () => {
      const out = await ec2.send(new GetSnapshotBlockPublicAccessStateCommand({}));
      return out.State ?? 'unblocked';
    });
    await ctx.enrich(settings, 'imageBlockPublicAccessState', async () => {
      const out = await ec2.send(new GetImageBlockPublicAccessStateCommand({}));
      return out.ImageBlockPublicAccessState ?? 'unblocked';
    });
    await ctx.enrich(settings, 'instanceMetadataDefaults', async () => {
      const { AccountLevel: a } = await ec2.send(new GetInstanceMetadataDefaultsCommand({}));
      return {
        ...(a?.HttpTokens ? { httpTokens: a.HttpTokens } : {}),
        ...(a?.HttpEndpoint ? { httpEndpoint: a.HttpEndpoint } : {}),
        ...(a?.HttpPutResponseHopLimit !== undefined ? { httpPutResponseHopLimit: a.HttpPutResponseHopLimit } : {}),
      };
    });
    yield settings;
  },
});
