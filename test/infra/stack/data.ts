/**
 * The data and who may reach it: the table (keys, index, recovery), the user pool and its app client, and what the
 * prod stage keeps when the stack goes.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { ADDIN_FILES } from '../../../contract/addin';
import { ADMIN_GROUP, CLAIMS } from '../../../contract/auth';
import { WEB_FILES } from '../../../contract/web';
import { createTableInput } from '../../../functions/store/table';
import { flatten } from '../synth';
import { idOf, type Stages } from './stages';

export function dataTests(stages: Stages): void {
  describe('data', () => {
    test("the local stack's table, deployed: its keys and index, on demand, point-in-time recovery", () => {
      // createTableInput is what dynalite gets (its keys and index: test/infra/parts.test.ts, table translation).
      const local = createTableInput('local');
      stages.dev.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
      stages.dev.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: local.BillingMode,
        KeySchema: local.KeySchema,
        GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      });
    });

    test('prod retains and protects the table and the user pool; dev can be torn down', () => {
      stages.prod.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          Replicas: [
            Match.objectLike({
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            }),
          ],
        }),
      });
      stages.prod.hasResource('AWS::Cognito::UserPool', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
      });
      stages.dev.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
      stages.dev.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
    });
  });

  describe('identity', () => {
    test('user pool: admin-created accounts, the agency attributes the handlers read, MFA, an admins group', () => {
      stages.dev.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        MfaConfiguration: 'ON',
        Schema: Match.arrayWith([
          Match.objectLike({ Name: CLAIMS.agency.replace('custom:', ''), AttributeDataType: 'String', Mutable: true }),
          Match.objectLike({
            Name: CLAIMS.agencyName.replace('custom:', ''),
            AttributeDataType: 'String',
            Mutable: true,
          }),
        ]),
      });
      stages.dev.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: ADMIN_GROUP });
      stages.dev.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    });

    test('app client: public, authorization code only, callback on the add-in origin, cannot write the agency', () => {
      const [, client] = stages.ofType('AWS::Cognito::UserPoolClient')[0]!;
      const p = client.Properties!;
      expect(p.GenerateSecret).toBe(false);
      expect(p.AllowedOAuthFlows).toEqual(['code']);
      expect(p.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
      const distribution = idOf(stages.stack.hosting.distribution);
      expect((p.CallbackURLs as unknown[]).map(flatten)).toEqual([
        `https://<${distribution}.DomainName>/${ADDIN_FILES.signInCallback}`,
        `https://<${distribution}.DomainName>/${WEB_FILES.callback}`,
      ]);
      expect((p.WriteAttributes as string[]).some((a) => a.startsWith('custom:'))).toBe(false);
    });
  });
}
