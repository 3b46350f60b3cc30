import { defineAwsCheck } from '../../context.ts';
import type { RdsDbSnapshotAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbSnapshotAttributes>({
  id: 'rds_snapshots_public_access',
  service: 'rds',
  title: 'RDS DB snapshots and DB cluster snapshots are not public',
  severity: 'critical',
  resourceType: 'AwsRdsDbSnapshot',
  requires: ['restoreAccess', 'kind'],
  categories: ['internet-exposed'],
  description:
    'Checks that no DB snapshot or DB cluster snapshot owned by the account can be restored by every AWS account ' +
    '(the value "all" in its restore attribute). Sharing with named accounts is not reported here.',
  risk:
    'Any AWS customer can copy a public snapshot and restore it into a database of their own, reading all of its ' +
    'data, including password hashes and personal information.',
  remediation: {
    recommendation: 'Make the snapshot private; share it with specific accounts only when needed, and encrypt it with a customer managed key.',
    cli:
      'aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snap> --attribute-name restore --values-to-remove all\n' +
      'aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <snap> --attribute-name restore --values-to-remove all',
    console: 'RDS console → Snapshots → the snapshot → Actions → Share snapshot → DB snapshot visibility: Private.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
  },
  evaluate(s) {
    const kind = s.attributes.kind === 'cluster' ? 'DB cluster snapshot' : 'DB snapshot';
    const access = s.attributes.restoreAccess;
    if (access.includes('all')) return { status: 'FAIL', message: `RDS ${kind} ${s.name} is public: any AWS account can restore it.` };
    const shared = access.length ? ` (shared with ${access.length} account${access.length === 1 ? '' : 's'})` : '';
    return { status: 'PASS', message: `RDS ${kind} ${s.name} is not public${shared}.` };
  },
});
