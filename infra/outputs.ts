/**
 * The stack's outputs, by name: the stack writes them, `cdk deploy --outputs-file` saves them, and the post-deploy
 * step (manifest) and the admin script read them. One list, so a rename cannot break the reader silently.
 */
export const OUTPUTS = {
  addinUrl: 'AddinUrl',
  apiUrl: 'ApiUrl',
  signInDomain: 'SignInDomain',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  tableName: 'TableName',
  distributionId: 'DistributionId',
  alarmTopicArn: 'AlarmTopicArn',
  publishedBucket: 'PublishedBucket',
} as const;

export type OutputKey = keyof typeof OUTPUTS;
export type StackOutputs = Record<OutputKey, string>;

/** Reads one stack's outputs from the JSON `cdk deploy --outputs-file` writes ({ "<stack>": { "<output>": "…" } }). */
export function stackOutputs(file: unknown, stack: string): StackOutputs {
  const all = (file ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const values = all[stack];
  if (!values) throw new Error(`outputs of stack ${stack} not found (deployed with --outputs-file?)`);
  const result = {} as Record<OutputKey, string>;
  for (const [key, name] of Object.entries(OUTPUTS) as [OutputKey, string][]) {
    const v = values[name];
    if (typeof v !== 'string' || !v) throw new Error(`stack ${stack} has no output ${name}`);
    result[key] = v;
  }
  return result;
}
