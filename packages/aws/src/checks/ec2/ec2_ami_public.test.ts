import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ami_public.ts';
import { image } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'private', resource: image({ public: false }), message: 'is not public' },
    { name: 'private without a name', resource: image({ public: false, imageName: null }) },
  ],
  fail: [{ name: 'public', resource: image({ public: true }), message: 'is public' }],
  error: [{ name: 'attribute failed', resource: withError(image(), 'public'), code: 'AccessDenied' }],
});
