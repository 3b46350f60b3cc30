import type { Resource } from '@vigil/engine';
import { describe, expect, it } from 'vitest';
import { ACL_READ_PERMISSIONS, ACL_WRITE_PERMISSIONS } from './access.ts';
import { ALL_USERS, BLOCK_ALL, BLOCK_NONE, OWNER_ID, bucket, withAccountBlock } from './fixtures.ts';
import { publicAclVerdict } from './public-acl.ts';

const ctx = (block: Parameters<typeof withAccountBlock>[0]) => {
  const related = withAccountBlock(block) as unknown as Record<string, Resource[]>;
  return { related: <T extends object>(type: string) => (related[type] ?? []) as unknown as readonly Resource<T>[] };
};
const acl = (permission: string) => ({
  ownerId: OWNER_ID,
  grants: [
    { type: 'CanonicalUser' as const, id: OWNER_ID, permission: 'FULL_CONTROL' },
    { type: 'Group' as const, uri: ALL_USERS, permission },
  ],
});

describe('publicAclVerdict', () => {
  it('fails a public grant of a permission it looks for, and only those', () => {
    const b = bucket({ acl: acl('WRITE'), publicAccessBlock: BLOCK_NONE });
    expect(publicAclVerdict(b, ctx(null), ACL_WRITE_PERMISSIONS, 'write').status).toBe('FAIL');
    expect(publicAclVerdict(b, ctx(null), ACL_READ_PERMISSIONS, 'read')).toEqual({
      status: 'PASS',
      message: `S3 bucket ${b.name} ACL grants no read permission to the public groups.`,
    });
  });

  it('passes a public grant that IgnorePublicAcls neutralises, naming where it is set', () => {
    const own = bucket({ acl: acl('READ'), publicAccessBlock: BLOCK_ALL });
    expect(publicAclVerdict(own, ctx(null), ACL_READ_PERMISSIONS, 'read').message).toContain('bucket-level IgnorePublicAcls');
    const viaAccount = bucket({ acl: acl('READ'), publicAccessBlock: null });
    expect(publicAclVerdict(viaAccount, ctx(BLOCK_ALL), ACL_READ_PERMISSIONS, 'read').message).toContain('account-level IgnorePublicAcls');
  });
});
