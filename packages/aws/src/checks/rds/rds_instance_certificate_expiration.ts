import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';

const DAY_MS = 86_400_000;
const options = z.object({ minDaysBeforeExpiry: z.number().int().min(0).max(3650).default(30) });

export default defineAwsCheck<RdsDbInstanceAttributes, typeof options>({
  id: 'rds_instance_certificate_expiration',
  service: 'rds',
  title: 'RDS DB instance server certificates are not expired or about to expire',
  severity: 'high',
  resourceType: 'AwsRdsDbInstance',
  requires: ['certificateValidTill', 'caCertificateIdentifier'],
  categories: ['encryption'],
  options,
  description:
    'Checks that the TLS server certificate of every RDS DB instance is valid for at least 30 more days (configurable), ' +
    'based on the expiry date RDS reports for the instance.',
  risk:
    'When the server certificate expires, clients that verify it (as they should) fail to connect, and teams under ' +
    'pressure tend to turn certificate verification off, opening the door to man-in-the-middle attacks.',
  remediation: {
    recommendation:
      'Rotate the instance to a current certificate authority (for example rds-ca-rsa2048-g1) after adding the new CA ' +
      'bundle to client trust stores; schedule the rotation for a maintenance window as it may restart the database.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --ca-certificate-identifier rds-ca-rsa2048-g1 --apply-immediately',
    terraform: 'resource "aws_db_instance" "example" {\n  ca_cert_identifier = "rds-ca-rsa2048-g1"\n}',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  CACertificateIdentifier: rds-ca-rsa2048-g1',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html',
  },
  evaluate(db, ctx) {
    const { certificateValidTill, caCertificateIdentifier } = db.attributes;
    const ca = caCertificateIdentifier ? ` (CA ${caCertificateIdentifier})` : '';
    if (!certificateValidTill) {
      return { status: 'MANUAL', message: `RDS instance ${db.name} does not report when its server certificate${ca} expires.` };
    }
    const days = Math.floor((Date.parse(certificateValidTill) - ctx.now.getTime()) / DAY_MS);
    const date = certificateValidTill.slice(0, 10);
    if (days < 0) return { status: 'FAIL', message: `RDS instance ${db.name} has a server certificate${ca} that expired on ${date}.` };
    if (days < ctx.options.minDaysBeforeExpiry) {
      return { status: 'FAIL', message: `RDS instance ${db.name} has a server certificate${ca} that expires in ${days} days, on ${date}.` };
    }
    return { status: 'PASS', message: `RDS instance ${db.name} has a server certificate${ca} valid until ${date}.` };
  },
});
