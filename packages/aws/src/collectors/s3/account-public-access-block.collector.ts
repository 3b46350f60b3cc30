import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { defineAwsCollector } from '../../context.ts';
import type { S3AccountPublicAccessBlockAttributes } from '../../resources/s3.ts';

/** The account-wide S3 Block Public Access settings (`AwsS3AccountPublicAccessBlock`, global). */
export default defineAwsCollector({
  id: 's3-account-public-access-block',
  service: 's3',
  resourceType: 'AwsS3AccountPublicAccessBlock',
  scope: 'global',
  calls: [],
  attributes: {
    publicAccessBlock: {
      calls: [{ api: 'GetPublicAccessBlock', action: 's3:GetAccountPublicAccessBlock' }],
      notConfigured: ['NoSuchPublicAccessBlockConfiguration'],
    },
  },
  async *collect(ctx) {
    const s3control = ctx.client(S3ControlClient);
    const account = ctx.resource<Partial<S3AccountPublicAccessBlockAttributes>>({
      id: `arn:${ctx.partition}:s3::${ctx.account}:public-access-block`,
      name: ctx.account,
      attributes: {},
    });
    await ctx.enrich(account, 'publicAccessBlock', async () => {
      const { PublicAccessBlockConfiguration: c } = await s3control.send(
        new GetPublicAccessBlockCommand({ AccountId: ctx.account }),
      );
      if (!c) return null;
      return {
        blockPublicAcls: c.BlockPublicAcls === true,
        ignorePublicAcls: c.IgnorePublicAcls === true,
        blockPublicPolicy: c.BlockPublicPolicy === true,
        restrictPublicBuckets: c.RestrictPublicBuckets === true,
      };
    });
    yield account;
  },
});
