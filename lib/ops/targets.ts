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
  /** What functions/ code run by a command reads (functions/platform/config.ts), for this target. */
  functionEnvironment: Record<string, string>;
  /** The stream consumers' on-failure destination: the local stack's file, or the deployed stack's queue. */
  streamFailures?: { file: string } | { queueUrl: string; stackName: string };
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
  const paths = dataPaths(dataDir);
  return {
    description: `local stack (${dataDir})`,
    region: state.region,
    userPoolId: state.userPoolId,
    tableName: state.tableName,
    cognitoEndpoint: state.endpoints.cognito,
    dynamodbEndpoint: state.endpoints.dynamodb,
    functionEnvironment: {
      AWS_REGION: state.region,
      TABLE_NAME: state.tableName,
      DYNAMODB_ENDPOINT: state.endpoints.dynamodb,
      SMS_OUTBOX_FILE: paths.smsOutbox,
      SMS_DLQ_FILE: paths.smsDlq,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID || 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY || 'local',
    },
    streamFailures: { file: paths.streamDlq },
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
    const stackRegion = await cloudformation.config.region();
    return {
      description: `AWS stack ${stackName} (${stackRegion})`,
      region: stackRegion,
      userPoolId,
      tableName,
      functionEnvironment: {
        AWS_REGION: stackRegion,
        TABLE_NAME: tableName,
        // Stacks from before the SMS had a queue of their own kept their letters in DlqUrl.
        ...((outputs.SmsDlqUrl ?? outputs.DlqUrl) && { SMS_DLQ_URL: outputs.SmsDlqUrl ?? outputs.DlqUrl }),
        ...(outputs.AfricasTalkingSecretArn && { AT_SECRET_ARN: outputs.AfricasTalkingSecretArn }),
      },
      ...(outputs.DlqUrl && { streamFailures: { queueUrl: outputs.DlqUrl, stackName } }),
    };
  } finally {
    cloudformation.destroy();
  }
}

export function resolveTarget(stackName: string | undefined): Promise<OpsTarget> {
  return stackName ? awsTarget(stackName) : localTarget();
}
