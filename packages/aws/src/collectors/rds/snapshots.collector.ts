import type { DescribeDBClusterSnapshotsCommandOutput, DescribeDBSnapshotsCommandOutput } from '@aws-sdk/client-rds';
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import type { Resource } from '@vigil/engine';
import { defineAwsCollector } from '../../context.ts';
import type { RdsDbSnapshotAttributes } from '../../resources/rds.ts';
import { isOtherServiceEngine, iso } from './shared.ts';
import { tagRecord } from '../../lib/tags.ts';

type Snapshot = Resource<Partial<RdsDbSnapshotAttributes>>;

const restoreValues = (attrs: readonly { AttributeName?: string; AttributeValues?: string[] }[] | undefined): string[] =>
  (attrs ?? []).filter((a) => a.AttributeName === 'restore').flatMap((a) => a.AttributeValues ?? []);

/**
 * RDS snapshots the account owns (`AwsRdsDbSnapshot`, regional): DB snapshots and DB cluster snapshots,
 * automated, manual and AWS Backup ones. DocumentDB and Neptune snapshots are left out.
 */
export default defineAwsCollector({
  id: 'rds-snapshots',
  service: 'rds',
  resourceType: 'AwsRdsDbSnapshot',
  scope: 'regional',
  calls: [
    { api: 'DescribeDBSnapshots', action: 'rds:DescribeDBSnapshots' },
    { api: 'DescribeDBClusterSnapshots', action: 'rds:DescribeDBClusterSnapshots' },
  ],
  attributes: {
    identifier: {},
    kind: {},
    snapshotType: {},
    engine: {},
    status: {},
    encrypted: {},
    kmsKeyId: {},
    sourceIdentifier: {},
    createTime: {},
    restoreAccess: {
      calls: [
        { api: 'DescribeDBSnapshotAttributes', action: 'rds:DescribeDBSnapshotAttributes' },
        { api: 'DescribeDBClusterSnapshotAttributes', action: 'rds:DescribeDBClusterSnapshotAttributes' },
      ],
    },
  },
  async *collect(ctx) {
    const rds = ctx.client(RDSClient);

    // Only manual snapshots can be shared: the others need no call.
    const enrich = (snapshots: Snapshot[]) =>
      ctx.map(
        snapshots,
        (s) =>
          ctx.enrich(s, 'restoreAccess', async () => {
            if (s.attributes.snapshotType !== 'manual') return [];
            if (s.attributes.kind === 'cluster') {
              const r = await rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: s.name }));
              return restoreValues(r.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes);
            }
            const r = await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: s.name }));
            return restoreValues(r.DBSnapshotAttributesResult?.DBSnapshotAttributes);
          }),
        8,
      );

    let marker: string | undefined;
    do {
      const page: DescribeDBSnapshotsCommandOutput = await rds.send(new DescribeDBSnapshotsCommand({ MaxRecords: 100, Marker: marker }));
      const batch: Snapshot[] = [];
      for (const s of page.DBSnapshots ?? []) {
        if (isOtherServiceEngine(s.Engine) || !s.DBSnapshotIdentifier) continue;
        batch.push(
          ctx.resource<Partial<RdsDbSnapshotAttributes>>({
            id: s.DBSnapshotArn ?? ctx.arn('rds', `snapshot:${s.DBSnapshotIdentifier}`),
            name: s.DBSnapshotIdentifier,
            tags: tagRecord(s.TagList),
            attributes: {
              identifier: s.DBSnapshotIdentifier,
              kind: 'instance',
              snapshotType: s.SnapshotType ?? '',
              engine: s.Engine ?? '',
              status: s.Status ?? '',
              encrypted: s.Encrypted ?? false,
              kmsKeyId: s.KmsKeyId ?? null,
              sourceIdentifier: s.DBInstanceIdentifier ?? null,
              createTime: iso(s.SnapshotCreateTime),
            },
          }),
        );
      }
      await enrich(batch);
      yield* batch;
      marker = page.Marker;
    } while (marker);

    marker = undefined;
    do {
      const page: DescribeDBClusterSnapshotsCommandOutput = await rds.send(new DescribeDBClusterSnapshotsCommand({ MaxRecords: 100, Marker: marker }));
      const batch: Snapshot[] = [];
      for (const s of page.DBClusterSnapshots ?? []) {
        if (isOtherServiceEngine(s.Engine) || !s.DBClusterSnapshotIdentifier) continue;
        batch.push(
          ctx.resource<Partial<RdsDbSnapshotAttributes>>({
            id: s.DBClusterSnapshotArn ?? ctx.arn('rds', `cluster-snapshot:${s.DBClusterSnapshotIdentifier}`),
            name: s.DBClusterSnapshotIdentifier,
            tags: tagRecord(s.TagList),
            attributes: {
              identifier: s.DBClusterSnapshotIdentifier,
              kind: 'cluster',
              snapshotType: s.SnapshotType ?? '',
              engine: s.Engine ?? '',
              status: s.Status ?? '',
              encrypted: s.StorageEncrypted ?? false,
              kmsKeyId: s.KmsKeyId ?? null,
              sourceIdentifier: s.DBClusterIdentifier ?? null,
              createTime: iso(s.SnapshotCreateTime),
            },
          }),
        );
      }
      await enrich(batch);
      yield* batch;
      marker = page.Marker;
    } while (marker);
  },
});
