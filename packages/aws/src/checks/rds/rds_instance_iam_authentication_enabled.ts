import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { standalone } from './helpers.ts';

const IAM_AUTH_ENGINES = new Set(['mysql', 'mariadb', 'postgres']);

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_iam_authentication_enabled',
  service: 'rds',
  title: 'RDS DB instances have IAM database authentication enabled',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  requires: ['iamDatabaseAuthenticationEnabled', 'dbClusterIdentifier', 'engine'],
  categories: ['identity-access'],
  description:
    'Checks that RDS for MySQL, MariaDB and PostgreSQL instances outside clusters accept IAM database authentication, ' +
    'so users and applications can log in with short-lived tokens instead of stored passwords. Other engines do not ' +
    'support it; Aurora and Multi-AZ DB cluster members inherit the cluster setting (rds_cluster_iam_authentication_enabled).',
  risk:
    'With passwords only, database credentials end up in configuration files and environment variables, are rarely ' +
    'rotated and stay valid after people leave, and access cannot be granted or revoked centrally through IAM.',
  remediation: {
    recommendation:
      'Enable IAM database authentication, create database users mapped to IAM (rds_iam role or AWSAuthenticationPlugin) ' +
      'and grant rds-db:connect to the principals that need it.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --enable-iam-database-authentication --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  iam_database_authentication_enabled = true\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  EnableIAMDatabaseAuthentication: true',
    console: 'RDS console → Databases → the instance → Modify → Database authentication → Password and IAM database authentication.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
  },
  appliesTo: (db) => standalone(db) && IAM_AUTH_ENGINES.has(db.attributes.engine),
  evaluate(db) {
    return db.attributes.iamDatabaseAuthenticationEnabled
      ? { status: 'PASS', message: `RDS instance ${db.name} has IAM database authentication enabled.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} does not have IAM database authentication enabled.` };
  },
});
