import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableV2,
  type Attribute,
  type GlobalSecondaryIndexPropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { Construct } from 'constructs';
import { YEAR_INDEX, createTableInput } from '../../functions/store/table';

export interface ReportTableProps {
  readonly production: boolean;
}

/**
 * The store's single table. Its keys and index are read from the store's own table definition
 * (functions/store/table.ts, the same input the local stack creates dynalite's table from), so the deployed table
 * cannot drift from what the handlers query.
 */
export class ReportTable extends Construct {
  readonly table: TableV2;
  /** The per-year listing index the handlers query. */
  readonly yearIndexName: string = YEAR_INDEX.name;

  constructor(scope: Construct, id: string, props: ReportTableProps) {
    super(scope, id);
    const spec = tableSpec(createTableInput('unused'));
    this.table = new TableV2(this, 'Table', {
      ...spec,
      billing: Billing.onDemand(),
      // The publishing builder follows every write (infra/constructs/published-data.ts): the new item is enough.
      dynamoStream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}

interface TableSpec {
  readonly partitionKey: Attribute;
  readonly sortKey?: Attribute;
  readonly globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[];
}

const PROJECTIONS: Record<string, ProjectionType> = {
  ALL: ProjectionType.ALL,
  KEYS_ONLY: ProjectionType.KEYS_ONLY,
  INCLUDE: ProjectionType.INCLUDE,
};

/** Translates a CreateTable input (keys, attribute types, GSIs with their projections) into TableV2 properties. */
export function tableSpec(input: CreateTableCommandInput): TableSpec {
  const types = new Map((input.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
  const attribute = (name: string | undefined): Attribute => {
    const type = name ? types.get(name) : undefined;
    if (!name || !type) throw new Error(`table definition: key attribute ${name} has no type`);
    return {
      name,
      type: type === 'N' ? AttributeType.NUMBER : type === 'B' ? AttributeType.BINARY : AttributeType.STRING,
    };
  };
  const keysOf = (schema: CreateTableCommandInput['KeySchema']) => {
    const hash = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
    const range = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    return { partitionKey: attribute(hash), ...(range ? { sortKey: attribute(range) } : {}) };
  };
  return {
    ...keysOf(input.KeySchema),
    globalSecondaryIndexes: (input.GlobalSecondaryIndexes ?? []).map((gsi) => {
      const type = PROJECTIONS[gsi.Projection?.ProjectionType ?? ''];
      if (!type)
        throw new Error(`index ${gsi.IndexName}: projection ${gsi.Projection?.ProjectionType} is not translated`);
      const nonKey = gsi.Projection?.NonKeyAttributes ?? [];
      if ((type === ProjectionType.INCLUDE) !== nonKey.length > 0)
        throw new Error(`index ${gsi.IndexName}: NonKeyAttributes belong to INCLUDE projections, and only there`);
      return {
        indexName: gsi.IndexName ?? '',
        ...keysOf(gsi.KeySchema),
        ...(type === ProjectionType.ALL ? {} : { projectionType: type }),
        ...(nonKey.length ? { nonKeyAttributes: [...nonKey] } : {}),
      };
    }),
  };
}
