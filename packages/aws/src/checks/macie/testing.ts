import { buildResource } from '../../testing/index.ts';
import type { MacieSessionAttributes } from '../../resources/macie.ts';

export function macie(attrs: MacieSessionAttributes) {
  return buildResource<MacieSessionAttributes>('AwsMacieSession', attrs, {
    name: 'Macie in us-east-1',
    id: 'arn:aws:macie2:us-east-1:123456789012:session',
  });
}
