import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './server-certificates.collector.ts';

const iam = mockClient(IAMClient);
const cert = (name: string, expiration: string) => ({
  ServerCertificateName: name,
  ServerCertificateId: `ASCA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::123456789012:server-certificate/${name}`,
  Path: '/',
  UploadDate: new Date('2024-01-01T00:00:00Z'),
  Expiration: new Date(expiration),
});

describe('iam-server-certificates collector', () => {
  beforeEach(() => iam.reset());

  it('lists every page', async () => {
    iam
      .on(ListServerCertificatesCommand)
      .resolvesOnce({ ServerCertificateMetadataList: [cert('old', '2025-01-01T00:00:00Z')], IsTruncated: true, Marker: 'p2' })
      .resolves({ ServerCertificateMetadataList: [cert('www', '2027-01-01T00:00:00Z')], IsTruncated: false });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['old', 'www']);
    expect(resources[0]).toMatchObject({
      id: 'arn:aws:iam::123456789012:server-certificate/old',
      region: 'global',
      attributes: { serverCertificateId: 'ASCAOLD', expiration: '2025-01-01T00:00:00.000Z', uploadDate: '2024-01-01T00:00:00.000Z' },
    });
    expect(iam.commandCalls(ListServerCertificatesCommand)[1]?.args[0].input).toMatchObject({ Marker: 'p2' });
  });

  it('rejects when the listing is denied', async () => {
    iam.on(ListServerCertificatesCommand).rejects(awsError('AccessDenied', 'denied', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    iam.on(ListServerCertificatesCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded', 400)).resolves({ ServerCertificateMetadataList: [], IsTruncated: false });
    const { stats } = await collect(collector);
    expect(stats.throttles).toBe(1);
  });

  it('has no enrichment: the listing is the only call', async () => {
    iam.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [], IsTruncated: false });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
