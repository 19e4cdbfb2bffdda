import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface RemindersProps {
  /** The address reminders are sent from (verified by SES: it e-mails a link at deploy). */
  readonly from: string;
  /** The review desk's function, which sends them. */
  readonly sender: LambdaFunction;
}

/**
 * Deadline reminders by e-mail through Amazon SES (the stage's reminderFrom context flag): the sender address as an
 * SES identity, and the desk function allowed to send from that identity only. An account still in the SES sandbox
 * delivers only to verified addresses (docs/admin-guide.md).
 */
export class Reminders extends Construct {
  readonly identity: EmailIdentity;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    this.identity = new EmailIdentity(this, 'Sender', { identity: Identity.email(props.from) });
    const stack = Stack.of(this);
    props.sender.addEnvironment('REMINDER_FROM', props.from);
    props.sender.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [`arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/${props.from}`],
      }),
    );
  }
}
