import { EFSClient, paginateDescribeAccessPoints } from '@aws-sdk/client-efs';
import { defineAwsCollector } from '../../context.ts';
import type { EfsAccessPointAttributes } from '../../resources/efs.ts';
import { tagRecord } from '../../lib/tags.ts';

/** EFS access points (`AwsEfsAccessPoint`, regional), all file systems at once. */
export default defineAwsCollector({
  id: 'efs-access-points',
  service: 'efs',
  resourceType: 'AwsEfsAccessPoint',
  scope: 'regional',
  calls: [{ api: 'DescribeAccessPoints', action: 'elasticfilesystem:DescribeAccessPoints' }],
  attributes: {
    fileSystemId: {},
    rootDirectoryPath: {},
    posixUser: {},
  },
  async *collect(ctx) {
    const efs = ctx.client(EFSClient);
    for await (const page of paginateDescribeAccessPoints({ client: efs }, {})) {
      for (const ap of page.AccessPoints ?? []) {
        if (!ap.AccessPointId) continue;
        const user = ap.PosixUser;
        yield ctx.resource<Partial<EfsAccessPointAttributes>>({
          id: ap.AccessPointArn ?? ctx.arn('elasticfilesystem', `access-point/${ap.AccessPointId}`),
          name: ap.AccessPointId,
          tags: tagRecord(ap.Tags),
          attributes: {
            fileSystemId: ap.FileSystemId ?? '',
            rootDirectoryPath: ap.RootDirectory?.Path || '/',
            posixUser:
              user && user.Uid !== undefined && user.Gid !== undefined
                ? { uid: user.Uid, gid: user.Gid, secondaryGids: user.SecondaryGids ?? [] }
                : null,
          },
        });
      }
    }
  },
});
