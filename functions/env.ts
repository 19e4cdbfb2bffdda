/**
 * The environment the functions read — the one contract between the handlers, the local stack and the CDK stack.
 *   TABLE_NAME         (required) the DynamoDB table (functions/store/table.ts describes its keys and index)
 *   DYNAMODB_ENDPOINT  (optional) a DynamoDB-compatible endpoint: the local stack and the tests point it at dynalite
 *   AWS_REGION         (set by Lambda; locally defaults to `local`)
 *   PUBLIC_BASE_URL    (optional) the public base of the API, e.g. https://nianbao.example.gov.cn/api; published
 *                      and open-data URLs are built from it (default: https://<request host>/api)
 *   POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL  (optional) the logger's service name (default nianbao) and level
 */
/** How long a function may run (the CDK stack sets it on every function); nothing of one invocation outlives it. */
export const FUNCTION_TIMEOUT_SECONDS = 15;

export interface FunctionsEnv {
  readonly tableName: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly publicBaseUrl?: string;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): FunctionsEnv {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return {
    tableName,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'local',
    ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
  };
}
