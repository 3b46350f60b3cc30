import { EC2Client, paginateDescribeImages } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { Ec2ImageAttributes } from '../../resources/ec2-compute.ts';
import { tagRecord } from '../../lib/tags.ts';

/** AMIs owned by the account (`AwsEc2Image`, regional). */
export default defineAwsCollector({
  id: 'ec2-images',
  service: 'ec2',
  resourceType: 'AwsEc2Image',
  scope: 'regional',
  calls: [{ api: 'DescribeImages', action: 'ec2:DescribeImages' }],
  attributes: {
    imageId: {},
    imageName: {},
    public: {},
    state: {},
    creationDate: {},
    deprecationTime: {},
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const input = { Owners: ['self'], IncludeDeprecated: true, MaxResults: 1000 };
    for await (const page of paginateDescribeImages({ client: ec2 }, input)) {
      for (const i of page.Images ?? []) {
        if (!i.ImageId) continue;
        yield ctx.resource<Partial<Ec2ImageAttributes>>({
          // Image ARNs carry no account id.
          id: `arn:${ctx.partition}:ec2:${ctx.region}::image/${i.ImageId}`,
          name: i.ImageId,
          tags: tagRecord(i.Tags),
          attributes: {
            imageId: i.ImageId,
            imageName: i.Name ?? null,
            public: i.Public ?? false,
            state: i.State ?? null,
            creationDate: i.CreationDate ?? null,
            deprecationTime: i.DeprecationTime ?? null,
          },
        });
      }
    }
  },
});
