import { describe, expect, it } from 'vitest';
import { RUNTIME_DEPRECATION_DATES, runtimeStatus } from './runtimes.ts';

describe('runtimeStatus', () => {
  const now = new Date('2026-11-01T00:00:00Z');
  it('flags runtimes past their deprecation date', () => {
    expect(runtimeStatus('python3.8', now)).toEqual({ deprecated: true, deprecationDate: '2024-10-14' });
    expect(runtimeStatus('nodejs20.x', now).deprecated).toBe(true);
  });
  it('does not flag upcoming deprecations or unknown runtimes', () => {
    expect(runtimeStatus('dotnet8', now)).toEqual({ deprecated: false, deprecationDate: '2026-11-10' });
    expect(runtimeStatus('python3.13', now)).toEqual({ deprecated: false });
  });
  it('is deprecated on the day itself', () => {
    expect(runtimeStatus('dotnet8', new Date('2026-11-10T00:00:00Z')).deprecated).toBe(true);
  });
  it('honours extra runtimes and overridden dates', () => {
    expect(runtimeStatus('python3.13', now, { extraDeprecated: ['python3.13'] }).deprecated).toBe(true);
    expect(runtimeStatus('python3.12', now, { deprecationDates: { 'python3.12': '2026-01-01' } }).deprecated).toBe(true);
    expect(runtimeStatus('python3.8', now, { deprecationDates: { 'python3.8': '2030-01-01' } }).deprecated).toBe(false);
  });
  it('has well-formed dates', () => {
    for (const d of Object.values(RUNTIME_DEPRECATION_DATES)) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
