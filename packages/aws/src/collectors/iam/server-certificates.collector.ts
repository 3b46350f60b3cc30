import { IAMClient, paginateListServerCertificates } from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { ServerCertificateAttributes } from '../../resources/iam.ts';
import { iso } from './lib/util.ts';

/** Server (SSL/TLS) certificates stored in IAM (`AwsIamServerCertificate`, global). */
export default defineAwsCollector({
  id: 'iam-server-certificates',
  service: 'iam',
  resourceType: 'AwsIamServerCertificate',
  scope: 'global',
  calls: [{ api: 'ListServerCertificates', action: 'iam:ListServerCertificates' }],
  attributes: { serverCertificateId: {}, path: {}, uploadDate: {}, expiration: {} },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    for await (const page of paginateListServerCertificates({ client: iam }, {})) {
      for (const c of page.ServerCertificateMetadataList ?? []) {
        yield ctx.resource<Partial<ServerCertificateAttributes>>({
          id: c.Arn ?? ctx.arn('iam', `server-certificate${c.Path ?? '/'}${c.ServerCertificateName ?? ''}`, ''),
          name: c.ServerCertificateName ?? '',
          attributes: {
            serverCertificateId: c.ServerCertificateId ?? '',
            path: c.Path ?? '/',
            uploadDate: iso(c.UploadDate),
            expiration: iso(c.Expiration),
          },
        });
      }
    }
  },
});
