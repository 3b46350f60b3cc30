import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { ServerCertificateAttributes } from '../../resources/iam.ts';
import check from './iam_no_expired_server_certificates_stored.ts';

const cert = (expiration: string | null) =>
  buildResource<ServerCertificateAttributes>(
    'AwsIamServerCertificate',
    { serverCertificateId: 'ASCA1', path: '/', uploadDate: '2024-01-01T00:00:00Z', expiration },
    { name: 'www', region: 'global' },
  );

testCheck(check, {
  pass: [{ name: 'valid', resource: cert('2027-01-01T00:00:00Z'), message: 'valid until 2027-01-01' }],
  fail: [{ name: 'expired', resource: cert('2026-06-01T00:00:00Z'), message: 'expired on 2026-06-01' }],
  manual: [{ name: 'no date', resource: cert(null) }],
  error: [{ name: 'error', resource: withError(cert(null), 'expiration', 'InvalidData') }],
});
