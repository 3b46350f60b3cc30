import type { FileSystemDescription } from '@aws-sdk/client-efs';
import {
  DescribeBackupPolicyCommand,
  DescribeFileSystemPolicyCommand,
  EFSClient,
  paginateDescribeFileSystems,
} from '@aws-sdk/client-efs';
import { defineAwsCollector } from '../../context.ts';
import { parsePolicy } from '../../lib/resource-policy.ts';
import type { EfsFileSystemAttributes } from '../../resources/efs.ts';
import { tagRecord } from '../../lib/tags.ts';

/** EFS file systems (`AwsEfsFileSystem`, regional). */
export default defineAwsCollector({
  id: 'efs-file-systems',
  service: 'efs',
  resourceType: 'AwsEfsFileSystem',
  scope: 'regional',
  calls: [{ api: 'DescribeFileSystems', action: 'elasticfilesystem:DescribeFileSystems' }],
  attributes: {
    encrypted: {},
    kmsKeyId: {},
    availabilityZoneName: {},
    numberOfMountTargets: {},
    lifeCycleState: {},
    backupPolicyStatus: {
      calls: [{ api: 'DescribeBackupPolicy', action: 'elasticfilesystem:DescribeBackupPolicy' }],
      notConfigured: ['PolicyNotFound'],
    },
    policy: {
      calls: [{ api: 'DescribeFileSystemPolicy', action: 'elasticfilesystem:DescribeFileSystemPolicy' }],
      notConfigured: ['PolicyNotFound'],
    },
  },
  async *collect(ctx) {
    const efs = ctx.client(EFSClient);
    const fileSystems: FileSystemDescription[] = [];
    for await (const page of paginateDescribeFileSystems({ client: efs }, {})) {
      fileSystems.push(...(page.FileSystems ?? []));
    }
    const resources = await ctx.map(
      fileSystems.filter((fs) => fs.FileSystemId),
      async (fs) => {
        const id = fs.FileSystemId as string;
        const resource = ctx.resource<Partial<EfsFileSystemAttributes>>({
          id: fs.FileSystemArn ?? ctx.arn('elasticfilesystem', `file-system/${id}`),
          name: id,
          tags: tagRecord(fs.Tags),
          attributes: {
            encrypted: fs.Encrypted === true,
            kmsKeyId: fs.KmsKeyId || null,
            availabilityZoneName: fs.AvailabilityZoneName || null,
            numberOfMountTargets: fs.NumberOfMountTargets ?? 0,
            lifeCycleState: fs.LifeCycleState ?? null,
          },
        });
        await ctx.enrich(resource, 'backupPolicyStatus', async () => {
          const { BackupPolicy } = await efs.send(new DescribeBackupPolicyCommand({ FileSystemId: id }));
          return BackupPolicy?.Status ?? null;
        });
        await ctx.enrich(resource, 'policy', async () => {
          const { Policy } = await efs.send(new DescribeFileSystemPolicyCommand({ FileSystemId: id }));
          return parsePolicy(Policy);
        });
        return resource;
      },
      8,
    );
    yield* resources;
  },
});
