/** The functions: runtime, logs, bundles, roles; their alarms, the stack's outputs, and the desk's reminder sender. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTES } from '../../../contract/routes';
import { YEAR_INDEX } from '../../../functions/store/table';
import { OUTPUTS } from '../../../infra/outputs';
import { BULK_HANDLERS } from '../../../infra/stack';
import { flatten } from '../synth';
import { FUNCTIONS, HANDLERS, REMINDER_FROM, idOf, type Stages } from './stages';

export function functionTests(stages: Stages): void {
  describe('functions', () => {
    const functions = () =>
      stages
        .ofType('AWS::Lambda::Function')
        .filter(([, f]) => String(f.Properties!.Description ?? '').startsWith('年报通 nianbao: '));

    test('one per handler and the builder: Node.js 22 on arm64, JSON logs into a log group with a retention, Powertools settings', () => {
      const fns = functions();
      expect(fns.map(([, f]) => String(f.Properties!.Description).slice('年报通 nianbao: '.length)).sort()).toEqual(
        [...FUNCTIONS].sort(),
      );
      const table = idOf(stages.stack.table.table);
      for (const [, f] of fns) {
        const p = f.Properties!;
        expect(p.Runtime).toBe('nodejs22.x');
        expect(p.Architectures).toEqual(['arm64']);
        const logging = p.LoggingConfig as { LogFormat: string; LogGroup: { Ref: string } };
        expect(logging.LogFormat).toBe('JSON');
        expect(stages.devResources[logging.LogGroup.Ref]).toMatchObject({
          Type: 'AWS::Logs::LogGroup',
          Properties: { RetentionInDays: 30 },
        });
        const env = (p.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(env).toMatchObject({
          TABLE_NAME: { Ref: table },
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'nianbao',
          POWERTOOLS_METRICS_NAMESPACE: 'Nianbao/dev',
        });
        expect(flatten(env.PUBLIC_BASE_URL)).toMatch(/^https:\/\/<.+\.DomainName>$/);
      }
      stages.prod.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    });

    test('every log group the stack creates has a retention', () => {
      const groups = stages.ofType('AWS::Logs::LogGroup');
      // One per function, the API's access log, and the two deploy-time functions (CORS, add-in files).
      expect(groups).toHaveLength(FUNCTIONS.length + 3);
      for (const [, g] of groups) expect(g.Properties!.RetentionInDays).toEqual(expect.any(Number));
    });

    test('bundled here with the AWS SDK inside and a source map', () => {
      const [, f] = functions().find(([, x]) => String(x.Properties!.Description).endsWith('submitReport'))!;
      const key = flatten((f.Properties!.Code as { S3Key: unknown }).S3Key);
      const assetDir = join(stages.outdir, `asset.${key.replace(/\.zip$/, '')}`);
      expect(readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map']);
      const code = readFileSync(join(assetDir, 'index.js'), 'utf8');
      expect(code).toContain('DynamoDBClient');
      expect(code).not.toMatch(/require\("@aws-sdk\/(client-dynamodb|lib-dynamodb)"\)/);
      expect(code).toMatch(/sourceMappingURL=index\.js\.map/);
    });

    test('roles: own log group and the table only; reading handlers cannot write', () => {
      const table = idOf(stages.stack.table.table);
      for (const handler of HANDLERS) {
        const policyId = idOf(stages.stack.functions.get(handler)!.role.node.findChild('DefaultPolicy'));
        const statements = (
          stages.devResources[policyId]!.Properties!.PolicyDocument as {
            Statement: { Action: string | string[]; Resource: unknown }[];
          }
        ).Statement.filter((s) => s.Action !== 'ses:SendEmail'); // the desk's reminders: tested below
        const actions = statements.flatMap((s) => [s.Action].flat());
        const writes = ROUTES.some((r) => r.handler === handler && r.method === 'POST');
        expect(actions.includes('dynamodb:PutItem')).toBe(writes);
        // Batches and deletes only for the bulk loader (the registry import).
        const bulk = BULK_HANDLERS.has(handler) ? ['BatchGetItem', 'BatchWriteItem', 'DeleteItem'] : [];
        expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(
          (writes ? ['GetItem', 'PutItem', 'Query', 'UpdateItem', ...bulk] : ['GetItem', 'Query'])
            .map((a) => `dynamodb:${a}`)
            .sort(),
        );
        const resources = statements.flatMap((s) => [s.Resource].flat().map(flatten));
        expect(resources.sort()).toEqual(
          [
            `<${idOf(stages.stack.functions.get(handler)!.logGroup)}.Arn>`,
            `<${table}.Arn>`,
            `<${table}.Arn>/index/${YEAR_INDEX.name}`,
          ].sort(),
        );
        const roleId = idOf(stages.stack.functions.get(handler)!.role);
        expect(stages.devResources[roleId]!.Properties!.ManagedPolicyArns).toBeUndefined();
      }
    });
  });

  describe('alarms and outputs', () => {
    test('function errors and throttles, API 5xx, all to one topic', () => {
      const alarms = stages.ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties!);
      const topic = stages.ofType('AWS::SNS::Topic')[0]![0];
      for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topic }]);
      const byMetric = (name: string) => alarms.filter((a) => a.MetricName === name);
      expect(byMetric('Errors')).toHaveLength(FUNCTIONS.length);
      expect(byMetric('Throttles')).toHaveLength(FUNCTIONS.length);
      expect(byMetric('5xx')).toHaveLength(1);
      expect(byMetric('5xx')[0]).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: 1 });
    });

    test('the outputs the post-deploy step and the admin script read', () => {
      expect(Object.keys(stages.dev.toJSON().Outputs).sort()).toEqual(Object.values(OUTPUTS).sort());
    });
  });

  describe('reminders', () => {
    test('with reminderFrom: an SES identity, and the desk alone may send from it; without: none', () => {
      stages.dev.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: REMINDER_FROM });
      stages.prod.resourceCountIs('AWS::SES::EmailIdentity', 0);
      const senders = stages
        .ofType('AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties!.PolicyDocument).includes('ses:SendEmail'));
      expect(senders.map(([id]) => id)).toEqual([
        idOf(stages.stack.functions.get('reviewDesk')!.role.node.findChild('DefaultPolicy')),
      ]);
      const statement = (
        senders[0]![1].Properties!.PolicyDocument as { Statement: { Action: string; Resource: unknown }[] }
      ).Statement.find((s) => s.Action === 'ses:SendEmail')!;
      expect(flatten(statement.Resource)).toMatch(new RegExp(`:ses:.*:identity/${REMINDER_FROM}$`));
      const fn = stages.devResources[idOf(stages.stack.functions.get('reviewDesk')!.fn)]!;
      expect((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.REMINDER_FROM).toBe(
        REMINDER_FROM,
      );
    });
  });
}
