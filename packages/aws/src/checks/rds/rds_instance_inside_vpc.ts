import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';

export default defineAwsCheck<RdsDbInstanceAttributes>({
  id: 'rds_instance_inside_vpc',
  service: 'rds',
  title: 'RDS DB instances are deployed inside a VPC',
  severity: 'high',
  resourceType: 'AwsRdsDbInstance',
  requires: ['vpcId'],
  categories: ['trust-boundaries', 'internet-exposed'],
  description: 'Checks that every RDS DB instance sits in a VPC through a DB subnet group rather than on the legacy EC2-Classic network.',
  risk:
    'An instance outside a VPC cannot be isolated with private subnets, network ACLs, VPC security groups or endpoints, ' +
    'and depends on a network platform AWS has retired.',
  remediation: {
    recommendation: 'Move the instance into a VPC: create a DB subnet group in private subnets and modify the instance to use it.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --db-subnet-group-name <private-subnet-group> --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  db_subnet_group_name = aws_db_subnet_group.private.name\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  DBSubnetGroupName: !Ref PrivateSubnetGroup',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.html',
  },
  evaluate(db) {
    const vpc = db.attributes.vpcId;
    return vpc
      ? { status: 'PASS', message: `RDS instance ${db.name} is deployed in VPC ${vpc}.` }
      : { status: 'FAIL', message: `RDS instance ${db.name} is not deployed in a VPC.` };
  },
});
