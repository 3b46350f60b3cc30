import type { Check } from '@vigil/engine';
import enabled from './accessanalyzer_enabled.ts';
import withoutFindings from './accessanalyzer_enabled_without_findings.ts';

export const checks: Check[] = [enabled, withoutFindings];
