import type { Check } from '@vigil/engine';
import partOfOrganizations from './organizations_account_part_of_organizations.ts';
import scpDenyRegions from './organizations_scp_check_deny_regions.ts';
import tagPolicies from './organizations_tags_policies_enabled_and_attached.ts';

export const checks: Check[] = [partOfOrganizations, tagPolicies, scpDenyRegions];
