import { describe, expect, it } from 'vitest';
import { formatTerm, missingTerms, parseFilterTerms, patternCovers } from './filter-pattern.ts';

const req = (p: string) => parseFilterTerms(p);

describe('parseFilterTerms', () => {
  it('normalises spacing, quotes and $. selectors', () => {
    const a = parseFilterTerms('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }');
    const b = parseFilterTerms("{($.eventName=ConsoleLogin)&&($.additionalEventData.MFAUsed!='Yes')}");
    expect(a).toEqual([
      { field: 'eventName', op: '=', value: 'ConsoleLogin' },
      { field: 'additionalEventData.MFAUsed', op: '!=', value: 'Yes' },
    ]);
    expect(b).toEqual(a);
  });

  it('reads keyword operators in any case and spacing', () => {
    expect(parseFilterTerms('{ $.userIdentity.invokedBy  not   exists && $.x IS NULL }')).toEqual([
      { field: 'userIdentity.invokedBy', op: 'NOT EXISTS', value: '' },
      { field: 'x', op: 'IS NULL', value: '' },
    ]);
  });

  it('keeps wildcards and escaped quotes in values', () => {
    expect(parseFilterTerms('{ $.errorCode = "*UnauthorizedOperation" || $.errorMessage = "say \\"hi\\"" }')).toEqual([
      { field: 'errorCode', op: '=', value: '*UnauthorizedOperation' },
      { field: 'errorMessage', op: '=', value: 'say "hi"' },
    ]);
  });

  it('finds no terms in a text pattern', () => {
    expect(parseFilterTerms('ERROR Exception')).toEqual([]);
    expect(parseFilterTerms('')).toEqual([]);
  });
});

describe('patternCovers', () => {
  const root = req('{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }');

  it('accepts the same conditions in another order, spacing and quoting', () => {
    expect(patternCovers('{$.eventType!=AwsServiceEvent&&$.userIdentity.invokedBy NOT EXISTS&&$.userIdentity.type=Root}', root)).toBe(true);
  });

  it('accepts extra conditions', () => {
    const unauthorized = req('{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }');
    expect(
      patternCovers(
        '{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
        unauthorized,
      ),
    ).toBe(true);
  });

  it('rejects a pattern missing a condition, and names it', () => {
    const p = '{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }';
    expect(patternCovers(p, root)).toBe(false);
    expect(missingTerms(p, root).map(formatTerm)).toEqual(['$.userIdentity.invokedBy NOT EXISTS']);
  });

  it('rejects a different operator or value', () => {
    expect(patternCovers('{ $.userIdentity.type != "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', root)).toBe(false);
    expect(patternCovers('{ $.userIdentity.type = "root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', root)).toBe(false);
  });

  it('never covers an empty requirement', () => {
    expect(patternCovers('{ $.a = 1 }', [])).toBe(false);
  });
});

describe('formatTerm', () => {
  it('prints comparisons with quotes', () => {
    expect(formatTerm({ field: 'eventName', op: '=', value: 'CreateTrail' })).toBe('$.eventName = "CreateTrail"');
  });
});
