import { App } from 'aws-cdk-lib';
import { applyChecks } from './checks';
import { ensureConsoleBuilt } from './console/build';
import { ShopStack } from './stack';
import { readDeploymentConfig, stackName } from './stage';

/** `npx cdk synth|deploy [-c stage=prod] [-c employeeWebOrigin=https://…]`: see README, "Deploy". */
// The stack deploys web/dist: build it first when it is missing or older than web/src.
await ensureConsoleBuilt((message) => console.error(message));
const app = new App();
const config = readDeploymentConfig(app);
new ShopStack(app, stackName(config.settings.stage), {
  config,
  env: config.env,
  description: `Beverage shop order service (${config.settings.stage})`,
});
applyChecks(app);
