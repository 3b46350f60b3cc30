import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { isAurora } from './helpers.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_minor_version_upgrade_enabled',
  service: 'rds',
  title: 'RDS DB instances have automatic minor version upgrades enabled',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  requires: ['autoMinorVersionUpgrade', 'dbClusterIdentifier', 'engine'],
  categories: ['vulnerabilities'],
  description:
    'Checks that RDS DB instances, Aurora instances included, apply new minor engine versions automatically during ' +
    'their maintenance window. Members of non-Aurora Multi-AZ DB clusters are left to rds_cluster_minor_version_upgrade_enabled, ' +
    'as the setting belongs to the cluster there.',
  risk:
    'Minor versions carry security and bug fixes; an instance that never takes them keeps known vulnerabilities and ' +
    'eventually falls onto a version RDS forces an upgrade from at an inconvenient time.',
  remediation: {
    recommendation: 'Turn on auto minor version upgrade and make sure the maintenance window suits the workload.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --auto-minor-version-upgrade --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  auto_minor_version_upgrade = true\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  AutoMinorVersionUpgrade: true',
    console: 'RDS console → Databases → the instance → Modify → Maintenance → Enable auto minor version upgrade.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades',
  },
  appliesTo: (db) => !db.attributes.dbClusterIdentifier || isAurora(db.attributes.engine),
  evaluate(db) {
    return db.attributes.autoMinorVersionUpgrade
      ? { status: 'PASS', message: `RDS instance ${db.name} upgrades minor engine versions automatically.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} does not upgrade minor engine versions automatically.` };
  },
});
