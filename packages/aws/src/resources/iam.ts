/** Attribute shapes of IAM resources, as the IAM collectors produce them. */

export interface PasswordPolicy {
  minimumPasswordLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercaseCharacters?: boolean;
  requireLowercaseCharacters?: boolean;
  allowUsersToChangePassword?: boolean;
  expirePasswords?: boolean;
  maxPasswordAge?: number;
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

/** `AwsAccount`: one per account, account-wide IAM settings. */
export interface AccountAttributes {
  /** `null` when the account has no password policy. */
  passwordPolicy: PasswordPolicy | null;
}
