import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

/** The account itself (`AwsAccount`, global): account-wide IAM settings. */
export default defineAwsCollector({
  id: 'iam-account',
  service: 'iam',
  resourceType: 'AwsAccount',
  scope: 'global',
  calls: [],
  attributes: {
    passwordPolicy: {
      calls: [{ api: 'GetAccountPasswordPolicy', action: 'iam:GetAccountPasswordPolicy' }],
      notConfigured: ['NoSuchEntity', 'NoSuchEntityException'],
    },
  },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    const account = ctx.resource<Partial<AccountAttributes>>({
      id: `arn:${ctx.partition}:iam::${ctx.account}:root`,
      name: ctx.account,
      attributes: {},
    });
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
    yield account;
  },
});
