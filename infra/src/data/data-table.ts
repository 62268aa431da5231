import { TableKeys } from '@org/contracts';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DataTableProps {
  /** `RETAIN` keeps the data when the stack goes away; production also turns on deletion protection. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
}

/** The api's DynamoDB table: `pk`/`sk` strings, paid per request, point-in-time recovery, AWS-owned encryption. */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TableKeys.partition, type: AttributeType.STRING },
      sortKey: { name: TableKeys.sort, type: AttributeType.STRING },
      // On-demand: nothing is paid while nobody calls the API.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // AWS-owned key: free, and no KMS key policy to manage; the data is still encrypted at rest.
      encryption: TableEncryption.DEFAULT,
      removalPolicy: props.removalPolicy,
      deletionProtection: props.deletionProtection,
    });
  }
}
