import { App } from 'aws-cdk-lib';
import { applyChecks } from './checks';
import { ShopStack } from './stack';
import { readDeploymentConfig, stackName } from './stage';

/** `npx cdk synth|deploy [-c stage=prod] [-c employeeWebOrigin=https://…]`: see README, "Deploy". */
const app = new App();
const config = readDeploymentConfig(app);
new ShopStack(app, stackName(config.settings.stage), {
  config,
  env: config.env,
  description: `Beverage shop order service (${config.settings.stage})`,
});
applyChecks(app);
