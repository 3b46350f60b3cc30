import { defineAwsCheck } from '../../context.ts';
import type { RdsDbSnapshotAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbSnapshotAttributes>({
  id: 'rds_snapshots_encrypted',
  service: 'rds',
  title: 'RDS DB snapshots and DB cluster snapshots are encrypted',
  severity: 'high',
  resourceType: 'AwsRdsDbSnapshot',
  requires: ['encrypted', 'kind'],
  categories: ['encryption'],
  description: 'Checks that every DB snapshot and DB cluster snapshot the account owns is encrypted at rest.',
  risk:
    'An unencrypted snapshot is a full copy of the database that can be shared, copied or restored without any KMS ' +
    'key permission, so a single mistake in sharing exposes all of its data.',
  remediation: {
    recommendation:
      'Copy the snapshot with encryption under a KMS key and delete the unencrypted original; encrypt the source ' +
      'database so future snapshots are encrypted too.',
    cli:
      'aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>\n' +
      'aws rds copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier <snap> --target-db-cluster-snapshot-identifier <snap>-enc --kms-key-id <key>',
    console: 'RDS console → Snapshots → the snapshot → Actions → Copy snapshot → Enable encryption.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html',
  },
  evaluate(s) {
    const kind = s.attributes.kind === 'cluster' ? 'DB cluster snapshot' : 'DB snapshot';
    return s.attributes.encrypted
      ? { status: 'PASS', message: `RDS ${kind} ${s.name} is encrypted.` }
      : { status: 'FAIL', message: `RDS ${kind} ${s.name} is not encrypted.` };
  },
});
