import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';
import { isAurora } from './helpers.ts';

export default defineAwsCheck<RdsDbClusterAttributes>({
  id: 'rds_cluster_iam_authentication_enabled',
  service: 'rds',
  title: 'Aurora DB clusters have IAM database authentication enabled',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  requires: ['iamDatabaseAuthenticationEnabled', 'engine'],
  categories: ['identity-access'],
  description:
    'Checks that Aurora MySQL and Aurora PostgreSQL clusters accept IAM database authentication. Multi-AZ DB clusters ' +
    '(RDS for MySQL and PostgreSQL) do not offer the setting and are not evaluated.',
  risk:
    'Password-only authentication leads to long-lived database credentials spread across applications and people, ' +
    'with no central way to grant, audit or revoke access through IAM.',
  remediation: {
    recommendation: 'Enable IAM database authentication on the cluster and map database users to IAM principals allowed rds-db:connect.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --enable-iam-database-authentication --apply-immediately',
    terraform: 'resource "aws_rds_cluster" "example" {\n  iam_database_authentication_enabled = true\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  EnableIAMDatabaseAuthentication: true',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html',
  },
  appliesTo: (c) => isAurora(c.attributes.engine),
  evaluate(c) {
    return c.attributes.iamDatabaseAuthenticationEnabled
      ? { status: 'PASS', message: `RDS cluster ${c.name} has IAM database authentication enabled.` }
      : { status: 'FAIL', message: `RDS cluster ${c.name} does not have IAM database authentication enabled.` };
  },
});
