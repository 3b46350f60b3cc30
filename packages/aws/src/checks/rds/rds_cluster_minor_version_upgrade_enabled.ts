import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';
import { isAurora } from './helpers.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_minor_version_upgrade_enabled',
  service: 'rds',
  title: 'Multi-AZ DB clusters have automatic minor version upgrades enabled',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  requires: ['autoMinorVersionUpgrade', 'engine'],
  categories: ['vulnerabilities'],
  description:
    'Checks that Multi-AZ DB clusters (RDS for MySQL and PostgreSQL) apply new minor engine versions automatically. ' +
    'For Aurora the setting belongs to each instance and is checked by rds_instance_minor_version_upgrade_enabled.',
  risk:
    'Minor versions carry security and stability fixes; a cluster that never takes them keeps known vulnerabilities ' +
    'until an upgrade is forced on it.',
  remediation: {
    recommendation: 'Enable auto minor version upgrade on the cluster and pick a suitable maintenance window.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --auto-minor-version-upgrade --apply-immediately',
    terraform: 'resource "aws_rds_cluster" "example" {\n  auto_minor_version_upgrade = true\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  AutoMinorVersionUpgrade: true',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-upgrading.html',
  },
  appliesTo: (c) => !isAurora(c.attributes.engine),
  evaluate(c) {
    return c.attributes.autoMinorVersionUpgrade
      ? { status: 'PASS', message: `RDS cluster ${c.name} upgrades minor engine versions automatically.` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} does not upgrade minor engine versions automatically.` };
  },
});
