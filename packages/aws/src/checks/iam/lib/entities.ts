import type { PolicyEntities } from '../../../resources/iam.ts';

/** `users alice, bob; roles admin` for a policy's attachments. */
export function describeEntities(e: PolicyEntities): string {
  const parts: string[] = [];
  if (e.users.length) parts.push(`users ${e.users.join(', ')}`);
  if (e.groups.length) parts.push(`groups ${e.groups.join(', ')}`);
  if (e.roles.length) parts.push(`roles ${e.roles.join(', ')}`);
  return parts.join('; ');
}
