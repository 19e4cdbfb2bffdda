/**
 * The synthesized CloudFormation of a dev stage (every route) and a prod stage (one route: the stage profile is what
 * differs), from the real app: add-in build, handler bundles, cdk-nag. One synthesis (~35 s of CPU) serves every part
 * of test/infra/stack.test.ts: each part beside this file is a function of the same Stages, so the tests are split
 * by meaning without synthesizing again (jest gives each test file its own modules: one file, one synthesis).
 */
import { existsSync } from 'node:fs';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { ROUTES } from '../../../contract/routes';
import type { NianbaoStack } from '../../../infra/stack';
import { synthesize, type Synthesized } from '../synth';

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  Metadata?: Record<string, unknown>;
}
export type Resources = Record<string, Resource>;

export const HANDLERS = [...new Set(ROUTES.map((r) => r.handler))];
/** The functions the stack deploys: one per handler of the route table, and the publishing builder. */
export const FUNCTIONS = [...HANDLERS, 'publishedBuilder'];
export const REMINDER_FROM = 'gkb@example.gov.cn';

/** Filled before the file's first test. */
export interface Stages {
  readonly dev: Template;
  readonly prod: Template;
  readonly devResources: Resources;
  /** The dev stage's stack: its constructs name the resources (idOf). */
  readonly stack: NianbaoStack;
  /** The cloud assembly: the bundled handlers and the add-in's files as assets. */
  readonly outdir: string;
  /** The dev stage's resources of a CloudFormation type, as [logical id, resource]. */
  ofType(type: string): [string, Resource][];
}

/** Synthesizes both stages before the calling file's tests, and removes what the synthesis wrote after them. */
export function synthesizeStages(): Stages {
  let synth: Synthesized | undefined;
  const stages = {
    ofType: (type: string) => Object.entries(stages.devResources).filter(([, r]) => r.Type === type),
  } as { -readonly [K in keyof Stages]: Stages[K] };
  beforeAll(async () => {
    synth = await synthesize([
      { context: { stage: 'dev', reminderFrom: REMINDER_FROM } },
      // Its web ACL (on by default in prod) needs a known account and region: test/infra/edge.test.ts.
      { context: { stage: 'prod', waf: 'false' }, routes: [ROUTES[0]!] },
    ]);
    const [dev, prod] = synth.templates as [Template, Template];
    Object.assign(stages, {
      dev,
      prod,
      devResources: dev.toJSON().Resources as Resources,
      stack: synth.stacks[0]!,
      outdir: synth.outdir,
    });
  });
  afterAll(() => {
    synth?.cleanup();
    if (synth) expect(existsSync(synth.dir)).toBe(false);
  });
  return stages;
}

/** The logical id of a construct's CloudFormation resource in its stack. */
export const idOf = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
