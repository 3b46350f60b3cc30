import { defineAwsCheck } from '../../context.ts';
import type { ServerCertificateAttributes } from '../../resources/iam.ts';
import { day } from './lib/time.ts';

export default defineAwsCheck<ServerCertificateAttributes>({
  id: 'iam_no_expired_server_certificates_stored',
  service: 'iam',
  title: 'No expired SSL/TLS server certificates are stored in IAM',
  severity: 'high',
  resourceType: 'AwsIamServerCertificate',
  requires: ['expiration'],
  categories: ['encryption'],
  description: 'Checks that each server certificate stored in IAM has not passed its expiration date.',
  risk: 'An expired certificate left in IAM can be deployed by mistake to a load balancer or CloudFront, breaking clients or pushing them to ignore certificate errors.',
  remediation: {
    recommendation: 'Delete expired server certificates from IAM; prefer AWS Certificate Manager, which renews certificates itself.',
    cli: 'aws iam delete-server-certificate --server-certificate-name NAME',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
  },
  evaluate(cert, ctx) {
    const exp = cert.attributes.expiration;
    if (!exp) return { status: 'MANUAL', message: `IAM server certificate ${cert.name} has no expiration date on record.` };
    return Date.parse(exp) < ctx.now.getTime()
      ? { status: 'FAIL', message: `IAM server certificate ${cert.name} expired on ${day(exp)}.` }
      : { status: 'PASS', message: `IAM server certificate ${cert.name} is valid until ${day(exp)}.` };
  },
});
