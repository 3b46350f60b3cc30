import type { Tag } from '@aws-sdk/client-rds';

/** Engines served by the RDS API that belong to other services (DocumentDB, Neptune) and have their own collectors. */
export function isOtherServiceEngine(engine: string | undefined): boolean {
  return engine === 'docdb' || engine === 'neptune';
}

export function tagsOf(list: readonly Tag[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of list ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
  return tags;
}

export const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);
