// The one DynamoDB table, shaped by the backend's own definition (generated/table-definition.json):
// on demand, point-in-time recovery, TTL; kept (RETAIN + deletion protection) outside dev.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { KeyAttribute, TableDefinition } from './generated';

export interface HubTableProps {
  readonly definition: TableDefinition;
  readonly deletionProtection: boolean;
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  const types: Record<KeyAttribute['type'], dynamodb.AttributeType> = {
    S: dynamodb.AttributeType.STRING,
    N: dynamodb.AttributeType.NUMBER,
    B: dynamodb.AttributeType.BINARY,
  };
  return { name: key.name, type: types[key.type] };
}

export class HubTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: HubTableProps) {
    super(scope, id);
    const { definition } = props;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(definition.partition_key),
      ...(definition.sort_key ? { sortKey: attribute(definition.sort_key) } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.ttl_attribute,
      deletionProtection: props.deletionProtection,
      // Outside dev the data outlives the stack: deleting the stack leaves the table behind.
      removalPolicy: props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.global_secondary_indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partition_key),
        ...(index.sort_key ? { sortKey: attribute(index.sort_key) } : {}),
        projectionType: index.projection === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY,
      });
    }
  }
}
