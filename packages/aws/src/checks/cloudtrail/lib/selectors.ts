import type { Resource } from '@vigil/engine';
import type { AdvancedEventSelector, AdvancedFieldSelector, TrailAttributes, TrailEventSelectors } from '../../../resources/cloudtrail.ts';

export type Access = 'read' | 'write';

const S3_OBJECT = 'AWS::S3::Object';

/** `arn:aws:s3`, `arn:aws:s3:::` (and other partitions): the values meaning "every bucket". */
function isAllBucketsArn(value: string): boolean {
  return /^arn:[a-z-]+:s3(:::)?$/.test(value);
}

function coversAccess(readWriteType: string, access: Access): boolean {
  return readWriteType === 'All' || (access === 'read' ? readWriteType === 'ReadOnly' : readWriteType === 'WriteOnly');
}

/** Which accesses an advanced selector's `readOnly` field lets through. */
function readOnlyAccesses(f: AdvancedFieldSelector | undefined): Set<Access> {
  const all = new Set<Access>(['read', 'write']);
  if (!f) return all;
  const allowed = new Set<Access>();
  const values = { read: 'true', write: 'false' } as const;
  for (const access of ['read', 'write'] as const) {
    const v = values[access];
    const ok =
      (!f.equals || f.equals.includes(v)) &&
      (!f.notEquals || !f.notEquals.includes(v)) &&
      (!f.startsWith || f.startsWith.some((p) => v.startsWith(p))) &&
      (!f.notStartsWith || !f.notStartsWith.some((p) => v.startsWith(p))) &&
      (!f.endsWith || f.endsWith.some((p) => v.endsWith(p))) &&
      (!f.notEndsWith || !f.notEndsWith.some((p) => v.endsWith(p)));
    if (ok) allowed.add(access);
  }
  return f.equals || f.notEquals || f.startsWith || f.notStartsWith || f.endsWith || f.notEndsWith ? allowed : all;
}

const only = (f: AdvancedFieldSelector, value: string) =>
  f.equals?.length === 1 &&
  f.equals[0] === value &&
  !f.notEquals &&
  !f.startsWith &&
  !f.notStartsWith &&
  !f.endsWith &&
  !f.notEndsWith;

/**
 * True when an advanced selector logs `access` S3 object data events for every bucket: it
 * selects the `Data` category and the `AWS::S3::Object` type, and any other condition is either
 * `readOnly` or an ARN prefix meaning every bucket. Anything else (event names, ARN exclusions…)
 * narrows it, so it does not count.
 */
function advancedCovers(s: AdvancedEventSelector, access: Access): boolean {
  const fields = s.fieldSelectors;
  const category = fields.find((f) => f.field === 'eventCategory');
  const type = fields.find((f) => f.field === 'resources.type');
  if (!category || !only(category, 'Data') || !type || !only(type, S3_OBJECT)) return false;
  for (const f of fields) {
    if (f === category || f === type || f.field === 'readOnly') continue;
    const allBucketsPrefix =
      f.field === 'resources.ARN' &&
      f.startsWith?.length &&
      f.startsWith.every(isAllBucketsArn) &&
      !f.equals &&
      !f.notEquals &&
      !f.notStartsWith &&
      !f.endsWith &&
      !f.notEndsWith;
    if (!allBucketsPrefix) return false;
  }
  return readOnlyAccesses(fields.find((f) => f.field === 'readOnly')).has(access);
}

/** True when the trail's selectors log `access` data events of S3 objects in every bucket. */
export function logsAllS3DataEvents(selectors: TrailEventSelectors, access: Access): boolean {
  const basic = selectors.basic.some(
    (s) =>
      coversAccess(s.readWriteType, access) &&
      s.dataResources.some((d) => d.type === S3_OBJECT && d.values.some(isAllBucketsArn)),
  );
  return basic || selectors.advanced.some((s) => advancedCovers(s, access));
}

/**
 * True when the selectors log every read and write management event (CIS: `IncludeManagementEvents`
 * with `ReadWriteType: All`, or advanced selectors for the `Management` category without exclusions).
 */
export function logsAllManagementEvents(selectors: TrailEventSelectors): boolean {
  const covered = new Set<Access>();
  for (const s of selectors.basic) {
    if (!s.includeManagementEvents || s.excludeManagementEventSources.length > 0) continue;
    if (coversAccess(s.readWriteType, 'read')) covered.add('read');
    if (coversAccess(s.readWriteType, 'write')) covered.add('write');
  }
  for (const s of selectors.advanced) {
    const category = s.fieldSelectors.find((f) => f.field === 'eventCategory');
    if (!category || !only(category, 'Management')) continue;
    if (s.fieldSelectors.some((f) => f !== category && f.field !== 'readOnly')) continue;
    for (const a of readOnlyAccesses(s.fieldSelectors.find((f) => f.field === 'readOnly'))) covered.add(a);
  }
  return covered.has('read') && covered.has('write');
}

/** True when a trail records events of `region`: multi-region, or a single-region trail homed there. */
export function trailCoversRegion(trail: Resource<TrailAttributes>, region: string): boolean {
  return trail.attributes.isMultiRegionTrail || trail.attributes.homeRegion === region || trail.region === region;
}

export const names = (trails: readonly Resource<TrailAttributes>[]) => trails.map((t) => t.name).join(', ');
