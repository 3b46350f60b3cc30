import type { UserDetail } from '@aws-sdk/client-iam';
import {
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  IAMClient,
  paginateListAccessKeys,
  paginateListMFADevices,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import type { User } from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { AccessKey, MfaDevice, UserAttributes } from '../../resources/iam.ts';
import { CREDENTIAL_REPORT_CALLS, fetchCredentialReport } from './lib/credential-report.ts';
import { attachedRefs, authorizationDetails, codedError, inlinePolicies, iso, NO_SUCH_ENTITY, once } from './lib/util.ts';

const GAAD_CALL = [{ api: 'GetAccountAuthorizationDetails', action: 'iam:GetAccountAuthorizationDetails' }];

/** `virtual` for an authenticator app or SMS (ARN `…:mfa/…`, `…:sms-mfa/…`), `u2f` for a FIDO key, `hardware` for a TOTP token serial. */
export function mfaKind(serial: string): MfaDevice['kind'] {
  if (/^arn:[^:]+:iam::[^:]*:(?:sms-)?mfa\//.test(serial)) return 'virtual';
  if (/^arn:[^:]+:iam::[^:]*:u2f\//.test(serial)) return 'u2f';
  return 'hardware';
}

/** IAM users (`AwsIamUser`, global). Policies and groups come from one GetAccountAuthorizationDetails sweep. */
export default defineAwsCollector({
  id: 'iam-users',
  service: 'iam',
  resourceType: 'AwsIamUser',
  scope: 'global',
  calls: [{ api: 'ListUsers', action: 'iam:ListUsers' }],
  attributes: {
    userId: {},
    path: {},
    createDate: {},
    passwordLastUsed: {},
    credentialReport: { calls: CREDENTIAL_REPORT_CALLS },
    loginProfile: {
      calls: [{ api: 'GetLoginProfile', action: 'iam:GetLoginProfile' }],
      notConfigured: [...NO_SUCH_ENTITY],
    },
    mfaDevices: { calls: [{ api: 'ListMFADevices', action: 'iam:ListMFADevices' }] },
    accessKeys: {
      calls: [
        { api: 'ListAccessKeys', action: 'iam:ListAccessKeys' },
        { api: 'GetAccessKeyLastUsed', action: 'iam:GetAccessKeyLastUsed' },
      ],
    },
    attachedPolicies: { calls: GAAD_CALL },
    inlinePolicies: { calls: GAAD_CALL },
    groups: { calls: GAAD_CALL },
  },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    const users: User[] = [];
    for await (const page of paginateListUsers({ client: iam }, {})) users.push(...(page.Users ?? []));

    const report = once(() => fetchCredentialReport(iam, ctx.signal));
    const details = once(async () => {
      const { users: list } = await authorizationDetails(iam, ['User']);
      return new Map(list.map((u) => [u.Arn ?? '', u]));
    });
    const detailOf = async (arn: string): Promise<UserDetail> => {
      const d = (await details()).get(arn);
      // Created after the listing or deleted meanwhile: do not guess.
      if (!d) throw codedError('NoSuchEntity', `User ${arn} is missing from the authorization details.`);
      return d;
    };

    const resources = await ctx.map(
      users,
      async (u) => {
        const name = u.UserName ?? '';
        const arn = u.Arn ?? ctx.arn('iam', `user${u.Path ?? '/'}${name}`, '');
        const user = ctx.resource<Partial<UserAttributes>>({
          id: arn,
          name,
          attributes: {
            userId: u.UserId ?? '',
            path: u.Path ?? '/',
            createDate: iso(u.CreateDate),
            passwordLastUsed: iso(u.PasswordLastUsed),
          },
        });
        await ctx.enrich(user, 'credentialReport', async () => (await report()).find((r) => r.arn === arn) ?? null);
        await ctx.enrich(user, 'loginProfile', async () => {
          const { LoginProfile: p } = await iam.send(new GetLoginProfileCommand({ UserName: name }));
          return p ? { createDate: iso(p.CreateDate), passwordResetRequired: p.PasswordResetRequired ?? false } : null;
        });
        await ctx.enrich(user, 'mfaDevices', async () => {
          const devices: MfaDevice[] = [];
          for await (const page of paginateListMFADevices({ client: iam }, { UserName: name })) {
            for (const d of page.MFADevices ?? []) {
              const serial = d.SerialNumber ?? '';
              devices.push({ serialNumber: serial, kind: mfaKind(serial), enableDate: iso(d.EnableDate) });
            }
          }
          return devices;
        });
        await ctx.enrich(user, 'accessKeys', async () => {
          const keys: AccessKey[] = [];
          for await (const page of paginateListAccessKeys({ client: iam }, { UserName: name })) {
            for (const k of page.AccessKeyMetadata ?? []) {
              const { AccessKeyLastUsed: used } = await iam.send(
                new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId }),
              );
              keys.push({
                accessKeyId: k.AccessKeyId ?? '',
                status: k.Status ?? 'Inactive',
                createDate: iso(k.CreateDate),
                lastUsedDate: iso(used?.LastUsedDate),
                lastUsedService: used?.ServiceName && used.ServiceName !== 'N/A' ? used.ServiceName : null,
                lastUsedRegion: used?.Region && used.Region !== 'N/A' ? used.Region : null,
              });
            }
          }
          return keys;
        });
        await ctx.enrich(user, 'attachedPolicies', async () => attachedRefs((await detailOf(arn)).AttachedManagedPolicies));
        await ctx.enrich(user, 'inlinePolicies', async () => inlinePolicies((await detailOf(arn)).UserPolicyList));
        await ctx.enrich(user, 'groups', async () => [...((await detailOf(arn)).GroupList ?? [])]);
        return user;
      },
      8,
    );
    for (const r of resources) yield r;
  },
});
