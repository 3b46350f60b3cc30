import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
import type { AlternateContactType } from '@aws-sdk/client-account';
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListSAMLProvidersCommand,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { AccountAttributes, AlternateContact, VirtualMfaDevice } from '../../resources/iam.ts';
import { CREDENTIAL_REPORT_CALLS, fetchCredentialReport } from './lib/credential-report.ts';
import { entitiesForPolicy, iso, NO_SUCH_ENTITY } from './lib/util.ts';

const ENTITIES_CALL = [{ api: 'ListEntitiesForPolicy', action: 'iam:ListEntitiesForPolicy' }];
const ALTERNATE_CONTACT_CALL = [{ api: 'GetAlternateContact', action: 'account:GetAlternateContact' }];
const NOT_FOUND = ['ResourceNotFoundException'];

/** The account itself (`AwsAccount`, global): account-wide IAM settings, root user facts and contacts. */
export default defineAwsCollector({
  id: 'iam-account',
  service: 'iam',
  resourceType: 'AwsAccount',
  scope: 'global',
  calls: [],
  attributes: {
    passwordPolicy: {
      calls: [{ api: 'GetAccountPasswordPolicy', action: 'iam:GetAccountPasswordPolicy' }],
      notConfigured: [...NO_SUCH_ENTITY],
    },
    accountSummary: { calls: [{ api: 'GetAccountSummary', action: 'iam:GetAccountSummary' }] },
    rootCredentialReport: { calls: CREDENTIAL_REPORT_CALLS },
    virtualMfaDevices: { calls: [{ api: 'ListVirtualMFADevices', action: 'iam:ListVirtualMFADevices' }] },
    supportAccessEntities: { calls: ENTITIES_CALL, notConfigured: [...NO_SUCH_ENTITY] },
    securityAuditEntities: { calls: ENTITIES_CALL, notConfigured: [...NO_SUCH_ENTITY] },
    cloudShellFullAccessEntities: { calls: ENTITIES_CALL, notConfigured: [...NO_SUCH_ENTITY] },
    samlProviders: { calls: [{ api: 'ListSAMLProviders', action: 'iam:ListSAMLProviders' }] },
    contactInformation: {
      calls: [{ api: 'GetContactInformation', action: 'account:GetContactInformation' }],
      notConfigured: NOT_FOUND,
    },
    securityContact: { calls: ALTERNATE_CONTACT_CALL, notConfigured: NOT_FOUND },
    billingContact: { calls: ALTERNATE_CONTACT_CALL, notConfigured: NOT_FOUND },
    operationsContact: { calls: ALTERNATE_CONTACT_CALL, notConfigured: NOT_FOUND },
  },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    const rootArn = `arn:${ctx.partition}:iam::${ctx.account}:root`;
    const account = ctx.resource<Partial<AccountAttributes>>({ id: rootArn, name: ctx.account, attributes: {} });
    const awsPolicy = (name: string) => `arn:${ctx.partition}:iam::aws:policy/${name}`;

    await ctx.enrich(account, 'passwordPolicy', async () => {
      const { PasswordPolicy: p } = await iam.send(new GetAccountPasswordPolicyCommand({}));
      if (!p) return null;
      return {
        minimumPasswordLength: p.MinimumPasswordLength,
        requireSymbols: p.RequireSymbols,
        requireNumbers: p.RequireNumbers,
        requireUppercaseCharacters: p.RequireUppercaseCharacters,
        requireLowercaseCharacters: p.RequireLowercaseCharacters,
        allowUsersToChangePassword: p.AllowUsersToChangePassword,
        expirePasswords: p.ExpirePasswords,
        maxPasswordAge: p.MaxPasswordAge,
        passwordReusePrevention: p.PasswordReusePrevention,
        hardExpiry: p.HardExpiry,
      };
    });

    await ctx.enrich(account, 'accountSummary', async () => {
      const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
      return { ...(SummaryMap ?? {}) } as Record<string, number>;
    });

    await ctx.enrich(account, 'rootCredentialReport', async () => {
      const rows = await fetchCredentialReport(iam, ctx.signal);
      return rows.find((r) => r.user === '<root_account>' || r.arn === rootArn) ?? null;
    });

    await ctx.enrich(account, 'virtualMfaDevices', async () => {
      const devices: VirtualMfaDevice[] = [];
      for await (const page of paginateListVirtualMFADevices({ client: iam }, { AssignmentStatus: 'Assigned' })) {
        for (const d of page.VirtualMFADevices ?? []) {
          devices.push({ serialNumber: d.SerialNumber ?? '', userArn: d.User?.Arn ?? null, enableDate: iso(d.EnableDate) });
        }
      }
      return devices;
    });

    await ctx.enrich(account, 'supportAccessEntities', () => entitiesForPolicy(iam, awsPolicy('AWSSupportAccess')));
    await ctx.enrich(account, 'securityAuditEntities', () => entitiesForPolicy(iam, awsPolicy('SecurityAudit')));
    await ctx.enrich(account, 'cloudShellFullAccessEntities', () =>
      entitiesForPolicy(iam, awsPolicy('AWSCloudShellFullAccess')),
    );

    await ctx.enrich(account, 'samlProviders', async () => {
      const { SAMLProviderList } = await iam.send(new ListSAMLProvidersCommand({}));
      return (SAMLProviderList ?? []).map((p) => ({
        arn: p.Arn ?? '',
        createDate: iso(p.CreateDate),
        validUntil: iso(p.ValidUntil),
      }));
    });

    const wantsAccountApi = ['contactInformation', 'securityContact', 'billingContact', 'operationsContact'].some((a) =>
      ctx.wants(a),
    );
    if (wantsAccountApi) {
      const acct = ctx.client(AccountClient);
      await ctx.enrich(account, 'contactInformation', async () => {
        const { ContactInformation: c } = await acct.send(new GetContactInformationCommand({}));
        if (!c) return null;
        return {
          fullName: c.FullName ?? null,
          companyName: c.CompanyName ?? null,
          phoneNumber: c.PhoneNumber ?? null,
          addressLine1: c.AddressLine1 ?? null,
          city: c.City ?? null,
          stateOrRegion: c.StateOrRegion ?? null,
          postalCode: c.PostalCode ?? null,
          countryCode: c.CountryCode ?? null,
          websiteUrl: c.WebsiteUrl ?? null,
        };
      });
      const alternate = async (type: AlternateContactType): Promise<AlternateContact | null> => {
        const { AlternateContact: c } = await acct.send(new GetAlternateContactCommand({ AlternateContactType: type }));
        if (!c) return null;
        return {
          name: c.Name ?? null,
          title: c.Title ?? null,
          emailAddress: c.EmailAddress ?? null,
          phoneNumber: c.PhoneNumber ?? null,
        };
      };
      await ctx.enrich(account, 'securityContact', () => alternate('SECURITY'));
      await ctx.enrich(account, 'billingContact', () => alternate('BILLING'));
      await ctx.enrich(account, 'operationsContact', () => alternate('OPERATIONS'));
    }
    yield account;
  },
});
