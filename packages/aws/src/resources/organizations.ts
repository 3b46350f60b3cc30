/** Attribute shapes of AWS Organizations resources, as the Organizations collector produces them. */

export interface OrganizationInfo {
  id: string;
  arn: string;
  /** `ALL` or `CONSOLIDATED_BILLING`. */
  featureSet?: string;
  managementAccountId: string;
  managementAccountArn?: string;
}

/** Where a policy is attached: the root, an OU or an account. */
export interface OrganizationPolicyTarget {
  id: string;
  /** `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT`. */
  type: string;
  name?: string;
}

export interface OrganizationPolicy {
  id: string;
  arn: string;
  name: string;
  awsManaged: boolean;
  targets: OrganizationPolicyTarget[];
}

export interface ServiceControlPolicy extends OrganizationPolicy {
  /** The policy document (JSON text) from DescribePolicy. */
  content: string;
}

/**
 * `AwsOrganization`: one per account (global), whether or not the account belongs to an
 * organization (id `arn:<partition>:organizations::<account>:organization`).
 * The policy attributes are read only in the management account (where the APIs answer);
 * elsewhere they are `null`.
 */
export interface OrganizationAttributes {
  /** DescribeOrganization; `null` when the account is not in an organization. */
  organization: OrganizationInfo | null;
  /** Policy types of the root and their status (`ENABLED`, `PENDING_ENABLE`…), from ListRoots. */
  rootPolicyTypes: Record<string, string> | null;
  /** Tag policies (ListPolicies TAG_POLICY) with their targets. */
  tagPolicies: OrganizationPolicy[] | null;
  /** Service control policies with their content and targets. */
  serviceControlPolicies: ServiceControlPolicy[] | null;
}
