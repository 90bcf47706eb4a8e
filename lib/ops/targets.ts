import { localDataDir, dataPaths } from '../local/paths';
import { readStackState } from '../local/stack-state';

/** Where an ops command acts: the local stack (default) or a deployed CloudFormation stack. */
export interface OpsTarget {
  description: string;
  region: string;
  userPoolId: string;
  tableName: string;
  /** Only for the local stack: the emulators' URLs. */
  cognitoEndpoint?: string;
  dynamodbEndpoint?: string;
}

export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
}

/** The local stack as `npm start` recorded it in `${LOCAL_DATA_DIR}/stack.json`. */
export async function localTarget(dataDir = localDataDir()): Promise<OpsTarget> {
  const { stackFile } = dataPaths(dataDir);
  const state = await readStackState(stackFile);
  if (!state?.userPoolId) throw new OpsError(`No local stack found (${stackFile} is missing): run \`npm start\` first.`);
  return {
    description: `local stack (${dataDir})`,
    region: state.region,
    userPoolId: state.userPoolId,
    tableName: state.tableName,
    cognitoEndpoint: state.endpoints.cognito,
    dynamodbEndpoint: state.endpoints.dynamodb,
  };
}

/** A deployed stack: its outputs `UserPoolId` and `TableName`, with the caller's AWS credentials. */
export async function awsTarget(stackName: string, region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION): Promise<OpsTarget> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const cloudformation = new CloudFormationClient(region ? { region } : {});
  try {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
    const userPoolId = outputs.UserPoolId;
    const tableName = outputs.TableName;
    if (!userPoolId || !tableName) throw new OpsError(`Stack ${stackName} has no UserPoolId and TableName outputs.`);
    return {
      description: `AWS stack ${stackName} (${await cloudformation.config.region()})`,
      region: await cloudformation.config.region(),
      userPoolId,
      tableName,
    };
  } finally {
    cloudformation.destroy();
  }
}

export function resolveTarget(stackName: string | undefined): Promise<OpsTarget> {
  return stackName ? awsTarget(stackName) : localTarget();
}
