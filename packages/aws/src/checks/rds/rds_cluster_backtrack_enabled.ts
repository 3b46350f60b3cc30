import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_backtrack_enabled',
  service: 'rds',
  title: 'Aurora MySQL DB clusters have backtracking enabled',
  severity: 'low',
  resourceType: 'AwsRdsDbCluster',
  requires: ['backtrackWindow', 'engine', 'engineMode'],
  categories: ['resilience'],
  description:
    'Checks that Aurora MySQL provisioned clusters have a backtrack window, which lets the cluster be rewound in place ' +
    'to an earlier point in time within minutes. Other engines and Aurora Serverless do not support backtracking.',
  risk:
    'Without backtracking, undoing a destructive statement or a bad migration means a point-in-time restore into a ' +
    'new cluster, which takes far longer and requires re-pointing applications.',
  remediation: {
    recommendation:
      'Set a backtrack window (for example 24 hours). Backtracking can be enabled on an existing cluster only if it was ' +
      'created with it; otherwise restore a snapshot or clone into a new cluster with backtracking on.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --backtrack-window 86400',
    terraform: 'resource "aws_rds_cluster" "example" {\n  backtrack_window = 86400\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  BacktrackWindow: 86400',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html',
  },
  appliesTo: (c) => (c.attributes.engine === 'aurora-mysql' || c.attributes.engine === 'aurora') && c.attributes.engineMode === 'provisioned',
  evaluate(c) {
    const window = c.attributes.backtrackWindow ?? 0;
    return window > 0
      ? { status: 'PASS', message: `RDS cluster ${c.name} can be backtracked up to ${Math.round(window / 3600)} hours.` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} does not have backtracking enabled.` };
  },
});
