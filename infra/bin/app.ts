#!/usr/bin/env node
// The CDK app: one stack per environment, chosen with `-c env=dev|staging|prod` (config/<env>.json),
// built from the Lambda packages in `-c packageDir=...` (default ../build/package, what
// `make package` writes), checked by cdk-nag's AwsSolutions rules.
import { App, Aspects, Tags } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as path from 'path';
import { loadConfig } from '../lib/config';
import { loadRoutes, loadTableDefinition } from '../lib/generated';
import { LambdaStack } from '../lib/lambda-stack';
import { packageAssets } from '../lib/package-assets';

export function buildApp(app: App): LambdaStack {
  const environment = String(app.node.tryGetContext('env') ?? 'dev');
  const config = loadConfig(environment);
  const packageDir = path.resolve(__dirname, '..', String(app.node.tryGetContext('packageDir') ?? '../build/package'));
  const stack = new LambdaStack(app, `InnovationHub-${config.environment}`, {
    description: `IGAD Innovation Hub backend (${config.environment})`,
    env: { region: config.region, account: config.account ?? process.env['CDK_DEFAULT_ACCOUNT'] },
    terminationProtection: config.deletionProtection,
    config,
    assets: packageAssets(packageDir),
    tableDefinition: loadTableDefinition(),
    routes: loadRoutes(),
  });
  Tags.of(stack).add('project', 'innovation-hub');
  Tags.of(stack).add('environment', config.environment);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildApp(app);
  app.synth();
}
