import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { idempotencyTableDesign, tableDesign } from '../../functions/data/table-design';
import type { StageSettings } from '../stage';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The service table, exactly as functions/data/table-design.ts describes it (the local stack
 * creates DynamoDB Local's table from the same description), and Powertools' idempotency table.
 */
export class Tables extends Construct {
  readonly table: Table;
  readonly idempotencyTable: Table;

  constructor(scope: Construct, id: string, props: { settings: StageSettings }) {
    super(scope, id);
    const { settings } = props;

    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(tableDesign.partitionKey),
      sortKey: stringKey(tableDesign.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType[tableDesign.streamView],
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
    });
    for (const index of tableDesign.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }

    // Records live 24 hours and are only worth anything while they live: losing the table loses
    // nothing a retry cannot rebuild, so it is never retained and needs no backups.
    this.idempotencyTable = new Table(this, 'IdempotencyTable', {
      partitionKey: stringKey(idempotencyTableDesign.partitionKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: idempotencyTableDesign.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    NagSuppressions.addResourceSuppressions(this.idempotencyTable, [
      {
        id: 'AwsSolutions-DDB3',
        reason: 'Idempotency records expire after 24 hours and can be rebuilt by any retry; point-in-time recovery of them has no use.',
      },
    ]);
  }
}
