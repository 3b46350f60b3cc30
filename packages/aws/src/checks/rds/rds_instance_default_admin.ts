import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { DEFAULT_ADMIN_USERNAMES, standalone } from './helpers.ts';

const options = z.object({ defaultUsernames: z.array(z.string().min(1)).min(1).default(DEFAULT_ADMIN_USERNAMES) });

export default defineAwsCheck<RdsDbInstanceAttributes, typeof options>({
  id: 'rds_instance_default_admin',
  service: 'rds',
  title: 'RDS DB instances do not use a default master user name',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  requires: ['masterUsername', 'dbClusterIdentifier'],
  categories: ['identity-access'],
  options,
  description:
    'Checks that the master user of RDS DB instances outside clusters is not one of the well-known defaults ("admin", ' +
    '"postgres"; configurable). Cluster members share the cluster’s master user, checked by rds_cluster_default_admin.',
  risk:
    'A predictable administrator name leaves attackers only the password to guess, making brute-force and ' +
    'credential-stuffing attempts against an exposed endpoint more likely to succeed.',
  remediation: {
    recommendation:
      'The master user name cannot be changed: create a new instance (or restore a snapshot) with a non-default master ' +
      'user name, or keep the master user for break-glass use only with a managed, rotated password.',
    cli: 'aws rds restore-db-instance-from-db-snapshot ... (then create the new instance with --master-username <custom-name>)',
    terraform: 'resource "aws_db_instance" "example" {\n  username = "orders_admin"\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  MasterUsername: orders_admin',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html',
  },
  appliesTo: standalone,
  evaluate(db, ctx) {
    const user = db.attributes.masterUsername;
    const defaults = ctx.options.defaultUsernames.map((u) => u.toLowerCase());
    if (!user) return { status: 'PASS', message: `RDS instance ${db.name} has no master user name reported.` };
    return defaults.includes(user.toLowerCase())
      ? { status: 'FAIL', message: `RDS instance ${db.name} uses the default master user name "${user}".` }
      : { status: 'PASS', message: `RDS instance ${db.name} uses the non-default master user name "${user}".` };
  },
});
