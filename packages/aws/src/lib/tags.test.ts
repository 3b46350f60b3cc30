import { describe, expect, it } from 'vitest';
import { tagRecord } from './tags.ts';

describe('tagRecord', () => {
  it('turns a tag list into a record and skips keyless entries', () => {
    expect(tagRecord([{ Key: 'team', Value: 'web' }, { Key: 'empty' }, { Value: 'orphan' }])).toEqual({ team: 'web', empty: '' });
    expect(tagRecord(undefined)).toEqual({});
  });
});
