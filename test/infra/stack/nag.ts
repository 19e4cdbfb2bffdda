/** cdk-nag: no wildcard that is not acknowledged for exactly its finding, and every acknowledgement says why. */
import { flatten } from '../synth';
import { HANDLERS, type Stages } from './stages';

export function nagTests(stages: Stages): void {
  describe('IAM', () => {
    test('no wildcard action or resource anywhere unless acknowledged for exactly that finding, with a reason', () => {
      let wildcards = 0;
      for (const [id, policy] of stages.ofType('AWS::IAM::Policy')) {
        const statements = (
          policy.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
        ).Statement;
        const acknowledged = new Map(
          (
            (policy.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)
              ?.rules_to_suppress ?? []
          ).map((r) => [r.id, r.reason]),
        );
        for (const s of statements) {
          for (const action of [s.Action].flat()) {
            expect(action).not.toBe('*');
            if (action.includes('*')) {
              wildcards++;
              expect({ id, reason: acknowledged.get(`AwsSolutions-IAM5[Action::${action}]`) }).toEqual({
                id,
                reason: expect.stringMatching(/.{20}/),
              });
            }
          }
          for (const resource of [s.Resource].flat().map(flatten)) {
            if (resource.includes('*')) {
              wildcards++;
              expect({ id, resource, reason: acknowledged.get(`AwsSolutions-IAM5[Resource::${resource}]`) }).toEqual({
                id,
                resource,
                reason: expect.stringMatching(/.{20}/),
              });
            }
          }
        }
      }
      // The CDK deployment function's grants are the only wildcards; if they vanish, this test should be revisited.
      expect(wildcards).toBeGreaterThan(0);
      const ours = stages.ofType('AWS::IAM::Policy').filter(([id]) => id.startsWith('Handler'));
      expect(ours).toHaveLength(HANDLERS.length);
      for (const [, p] of ours) expect(JSON.stringify(p.Properties!.PolicyDocument)).not.toContain('*');
    });

    test('every acknowledged cdk-nag rule says why in a sentence', () => {
      const all = Object.values(stages.devResources).flatMap(
        (r) =>
          (r.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)
            ?.rules_to_suppress ?? [],
      );
      expect(all.length).toBeGreaterThan(0);
      for (const { id, reason } of all) {
        expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
        expect(reason.length).toBeGreaterThan(40);
      }
    });
  });
}
