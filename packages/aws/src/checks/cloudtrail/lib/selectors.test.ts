import { describe, expect, it } from 'vitest';
import { logsAllManagementEvents, logsAllS3DataEvents } from './selectors.ts';
import { advancedS3, basicS3, MANAGEMENT_ONLY } from './fixtures.ts';

describe('logsAllS3DataEvents', () => {
  it('reads basic selectors', () => {
    expect(logsAllS3DataEvents(basicS3('All'), 'read')).toBe(true);
    expect(logsAllS3DataEvents(basicS3('All', ['arn:aws:s3:::']), 'write')).toBe(true);
    expect(logsAllS3DataEvents(basicS3('ReadOnly'), 'read')).toBe(true);
    expect(logsAllS3DataEvents(basicS3('ReadOnly'), 'write')).toBe(false);
    expect(logsAllS3DataEvents(basicS3('WriteOnly'), 'write')).toBe(true);
    expect(logsAllS3DataEvents(basicS3('All', ['arn:aws:s3:::my-bucket/']), 'read')).toBe(false);
    expect(logsAllS3DataEvents(MANAGEMENT_ONLY, 'read')).toBe(false);
  });

  it('reads advanced selectors', () => {
    expect(logsAllS3DataEvents(advancedS3(), 'read')).toBe(true);
    expect(logsAllS3DataEvents(advancedS3(), 'write')).toBe(true);
    expect(logsAllS3DataEvents(advancedS3([{ field: 'readOnly', equals: ['true'] }]), 'read')).toBe(true);
    expect(logsAllS3DataEvents(advancedS3([{ field: 'readOnly', equals: ['true'] }]), 'write')).toBe(false);
    expect(logsAllS3DataEvents(advancedS3([{ field: 'readOnly', notEquals: ['true'] }]), 'write')).toBe(true);
    expect(logsAllS3DataEvents(advancedS3([{ field: 'readOnly', notEquals: ['true'] }]), 'read')).toBe(false);
    expect(logsAllS3DataEvents(advancedS3([{ field: 'resources.ARN', startsWith: ['arn:aws:s3:::'] }]), 'read')).toBe(true);
  });

  it('does not count advanced selectors narrowed to some buckets or events', () => {
    expect(logsAllS3DataEvents(advancedS3([{ field: 'resources.ARN', startsWith: ['arn:aws:s3:::logs/'] }]), 'read')).toBe(false);
    expect(logsAllS3DataEvents(advancedS3([{ field: 'resources.ARN', notStartsWith: ['arn:aws:s3:::tmp/'] }]), 'read')).toBe(false);
    expect(logsAllS3DataEvents(advancedS3([{ field: 'eventName', equals: ['GetObject'] }]), 'read')).toBe(false);
    const other = advancedS3();
    other.advanced[1]!.fieldSelectors[1] = { field: 'resources.type', equals: ['AWS::Lambda::Function'] };
    expect(logsAllS3DataEvents(other, 'read')).toBe(false);
  });
});

describe('logsAllManagementEvents', () => {
  it('needs read and write management events without exclusions', () => {
    expect(logsAllManagementEvents(MANAGEMENT_ONLY)).toBe(true);
    expect(logsAllManagementEvents(basicS3('ReadOnly'))).toBe(false);
    expect(
      logsAllManagementEvents({
        basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: ['kms.amazonaws.com'] }],
        advanced: [],
      }),
    ).toBe(false);
    expect(
      logsAllManagementEvents({
        basic: [
          { readWriteType: 'ReadOnly', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] },
          { readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] },
        ],
        advanced: [],
      }),
    ).toBe(true);
    expect(logsAllManagementEvents(advancedS3())).toBe(true);
    expect(
      logsAllManagementEvents({
        basic: [],
        advanced: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['false'] }] }],
      }),
    ).toBe(false);
    expect(
      logsAllManagementEvents({
        basic: [],
        advanced: [
          { fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }] },
        ],
      }),
    ).toBe(false);
  });
});
