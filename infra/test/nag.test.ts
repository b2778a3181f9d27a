import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { ENVIRONMENTS } from '../lib/config';
import { build } from './helpers';

// cdk-nag's AwsSolutions pack runs as an aspect (bin/app.ts); every finding is either fixed or
// suppressed with a reason (lib/nag-suppressions.ts).
describe.each(ENVIRONMENTS)('cdk-nag AwsSolutions in %s', (environment) => {
  test('no unsuppressed errors', () => {
    const errors = Annotations.fromStack(build(environment).stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => `${e.id}: ${String(e.entry.data)}`)).toEqual([]);
  });

  test('no unsuppressed warnings', () => {
    const warnings = Annotations.fromStack(build(environment).stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(warnings.map((w) => `${w.id}: ${String(w.entry.data)}`)).toEqual([]);
  });
});
