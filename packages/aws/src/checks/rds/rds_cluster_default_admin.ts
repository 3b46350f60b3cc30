import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';
import { DEFAULT_ADMIN_USERNAMES } from './helpers.ts';

const options = z.object({ defaultUsernames: z.array(z.string().min(1)).min(1).default(DEFAULT_ADMIN_USERNAMES) });

export default defineAwsCheck<RdsDbClusterAttributes, typeof options>({
  id: 'rds_cluster_default_admin',
  service: 'rds',
  title: 'RDS DB clusters do not use a default master user name',
  severity: 'medium',
  resourceType: 'AwsRdsDbCluster',
  requires: ['masterUsername'],
  categories: ['identity-access'],
  options,
  description:
    'Checks that the master user of Aurora and Multi-AZ DB clusters is not one of the well-known defaults ("admin", ' +
    '"postgres"; configurable).',
  risk:
    'With a predictable administrator name an attacker who reaches the endpoint only has to guess the password, which ' +
    'makes brute-force and credential-stuffing attempts more effective.',
  remediation: {
    recommendation:
      'The master user name cannot be changed: create the cluster (or restore it from a snapshot) with a custom master ' +
      'user name, and keep the master user for break-glass use with a managed, rotated password.',
    terraform: 'resource "aws_rds_cluster" "example" {\n  master_username = "payments_admin"\n}',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  MasterUsername: payments_admin',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.MasterAccounts.html',
  },
  evaluate(c, ctx) {
    const user = c.attributes.masterUsername;
    const defaults = ctx.options.defaultUsernames.map((u) => u.toLowerCase());
    if (!user) return { status: 'PASS', message: `RDS cluster ${c.name} has no master user name reported.` };
    return defaults.includes(user.toLowerCase())
      ? { status: 'FAIL', message: `RDS cluster ${c.name} uses the default master user name "${user}".` }
      : { status: 'PASS', message: `RDS cluster ${c.name} uses the non-default master user name "${user}".` };
  },
});
