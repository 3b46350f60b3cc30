import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_no_public_access',
  service: 'rds',
  title: 'RDS DB instances are not publicly accessible',
  severity: 'critical',
  resourceType: 'AwsRdsDbInstance',
  requires: ['publiclyAccessible'],
  categories: ['internet-exposed'],
  description:
    'Checks that the "publicly accessible" setting is off on every RDS DB instance, Aurora instances included. With ' +
    'it on, the endpoint resolves to a public IP address; whether traffic actually gets through then depends on the ' +
    'subnets’ routes and the security groups, which this check does not evaluate.',
  risk:
    'A database with a public address is one security group or route change away from being reachable from the ' +
    'whole internet, where it faces credential stuffing, brute force and exploitation of engine vulnerabilities.',
  remediation: {
    recommendation:
      'Turn public accessibility off and reach the database from inside the VPC (application subnets, VPN, Direct ' +
      'Connect, bastion or Session Manager port forwarding).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  publicly_accessible = false\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  PubliclyAccessible: false',
    console: 'RDS console → Databases → the instance → Modify → Connectivity → Additional configuration → Not publicly accessible.',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
  },
  evaluate(db) {
    return db.attributes.publiclyAccessible
      ? { status: 'FAIL', message: `RDS instance ${db.name} is publicly accessible (its endpoint resolves to a public IP address).` }
      : { status: 'PASS', message: `RDS instance ${db.name} is not publicly accessible.` };
  },
});
