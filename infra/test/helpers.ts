// Builds the stack of one environment for tests: from the real Lambda packages when `make package`
// made them, else from stand-in zips in a temporary folder (the tests look at the template only).
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../bin/app';
import { EnvironmentName, FUNCTION_NAMES } from '../lib/config';
import { LambdaStack } from '../lib/lambda-stack';
import { DOCS_LAYER_ZIP, LAYER_ZIP, functionZipName } from '../lib/package-assets';
import { writeStandinPackage } from '../scripts/standin-package';

const REAL_PACKAGE = path.resolve(__dirname, '..', '..', 'build', 'package');

let standin: string | undefined;

export function packageDir(): string {
  const files = [...FUNCTION_NAMES.map(functionZipName), LAYER_ZIP, DOCS_LAYER_ZIP];
  if (files.every((file) => fs.existsSync(path.join(REAL_PACKAGE, file)))) return REAL_PACKAGE;
  standin ??= writeStandinPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-package-')));
  return standin;
}

export interface Built {
  readonly app: App;
  readonly stack: LambdaStack;
  readonly template: Template;
}

const built = new Map<EnvironmentName, Built>();

export function build(environment: EnvironmentName): Built {
  let found = built.get(environment);
  if (!found) {
    const app = new App({
      context: { env: environment, packageDir: packageDir(), 'aws:cdk:bundling-stacks': [] },
    });
    const stack = buildApp(app);
    found = { app, stack, template: Template.fromStack(stack) };
    built.set(environment, found);
  }
  return found;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The logical id of the function whose construct path includes `Function-<name>`. */
export function functionLogicalId(b: Built, name: string): string {
  const fn = b.stack.functions[name as 'health' | 'users' | 'auth'].function;
  return b.stack.getLogicalId(fn.node.defaultChild as import('aws-cdk-lib').CfnElement);
}

export function resources(b: Built, type: string): Resources {
  return b.template.findResources(type) as Resources;
}
