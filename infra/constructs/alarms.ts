import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** The handlers by name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly stage: HttpStage;
  readonly alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms an operator must hear about: any function error or throttle, any 5xx from the API (the server never
 * answers a client's mistake with a 5xx, so each one is a fault). They notify one SNS topic; subscribe an address
 * with `-c alarmEmail=…` or in the console.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: '年报通告警 nianbao alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (alarmId: string, metric: IMetric, description: string) => {
      const a = new Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
    };

    for (const [name, fn] of props.functions) {
      alarm(
        `${name}Errors`,
        fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        `${name}: 函数出错 / function errors`,
      );
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        `${name}: 函数被限流 / function throttled`,
      );
    }
    alarm(
      'Api5xx',
      props.stage.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      'API: 5xx 响应 / server errors',
    );
  }
}
