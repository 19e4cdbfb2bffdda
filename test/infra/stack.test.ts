/**
 * The synthesized CloudFormation of the real app's dev and prod stages (test/infra/stack/stages.ts), synthesized
 * once for the parts beside it in test/infra/stack/: the API and its limits, the data and who may reach it, the
 * functions, the site and its published data, and cdk-nag's acknowledgements.
 */
import { apiTests } from './stack/api';
import { dataTests } from './stack/data';
import { functionTests } from './stack/functions';
import { hostingTests } from './stack/hosting';
import { nagTests } from './stack/nag';
import { synthesizeStages } from './stack/stages';

jest.setTimeout(600_000);

const stages = synthesizeStages();
apiTests(stages);
dataTests(stages);
functionTests(stages);
nagTests(stages);
hostingTests(stages);
