import type { Check } from '@vigil/engine';
import enabled from './securityhub_enabled.ts';

export const checks: Check[] = [enabled];
