import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes';
import { resourcesOf, synthShop, testConsumer } from './synth';

const { template, stack } = synthShop({ streamConsumers: [testConsumer] });

interface Widget {
  type: string;
  properties: { title?: string; metrics?: unknown[][]; markdown?: string };
}

/** The dashboard body as CloudWatch reads it, each reference written as `{ref:<logical id>}`. */
function dashboardWidgets(): Widget[] {
  const dashboards = Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]!.Properties!.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : `{ref:${(part as { Ref?: string }).Ref ?? JSON.stringify(part).replaceAll('"', "'")}}`))
    .join('');
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

const widgets = dashboardWidgets();
const titled = (title: string) => {
  const found = widgets.filter((widget) => widget.properties.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
};
/** Each metric line of a widget as text: `namespace name dimension value … {options}`. */
const lines = (widget: Widget) => (widget.properties.metrics ?? []).map((line) => line.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
const functionIds = Object.keys(resourcesOf(template, 'AWS::Lambda::Function')).filter((id) => !id.startsWith('CustomCDKBucketDeployment'));

describe('the dashboard', () => {
  it('has, per route, requests, 4xx, 5xx and latency p50/p99 from the per-route metrics', () => {
    for (const route of routes) {
      const metrics = lines(titled(`${route.method} ${route.path}`));
      const dimensions = `Method ${route.method} Resource ${route.path} Stage $default`;
      for (const [name, stat] of [['Count', 'Sum'], ['4xx', 'Sum'], ['5xx', 'Sum'], ['Latency', 'p50'], ['Latency', 'p99']]) {
        expect(metrics.some((line) => line.startsWith(`AWS/ApiGateway ${name} ApiId`) && line.includes(dimensions) && line.includes(`"stat":"${stat}"`)), `${route.path} ${name} ${stat}`).toBe(true);
      }
    }
    const stages = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));
    expect(stages.map((stage) => (stage.Properties!.DefaultRouteSettings as { DetailedMetricsEnabled?: boolean }).DetailedMetricsEnabled)).toEqual([true]);
  });

  it('has, per function, errors, throttles, concurrency and duration p50/p99', () => {
    const names = [...stack.serviceFunctions().keys()];
    expect(names).toHaveLength(functionIds.length);
    for (const name of names) titled(`Function: ${name}`);
    for (const id of functionIds) {
      const graphs = widgets.filter((widget) => widget.properties.title?.startsWith('Function: ') && lines(widget).some((line) => line.startsWith('AWS/Lambda Errors') && line.includes(`{ref:${id}}`)));
      expect(graphs, id).toHaveLength(1);
      const metrics = lines(graphs[0]!);
      for (const name of ['Errors', 'Throttles', 'ConcurrentExecutions']) expect(metrics.some((line) => line.startsWith(`AWS/Lambda ${name} FunctionName {ref:${id}}`)), `${id} ${name}`).toBe(true);
      for (const stat of ['p50', 'p99']) expect(metrics.some((line) => line.startsWith('AWS/Lambda Duration') && line.includes(`"stat":"${stat}"`)), `${id} ${stat}`).toBe(true);
    }
  });

  it('has the tables, the stream consumer, SMS and the business metrics', () => {
    const tableIds = Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table'));
    for (const id of tableIds) {
      const latency = widgets.find((widget) => widget.properties.title?.endsWith('latency p99 per operation') && lines(widget).some((line) => line.includes(`{ref:${id}}`)));
      for (const operation of ['GetItem', 'Query', 'TransactWriteItems']) expect(lines(latency!).some((line) => line.includes(`Operation ${operation}`)), `${id} ${operation}`).toBe(true);
    }
    const stream = lines(titled(`${testConsumer.name}: iterator age (left), failed invocations (right)`));
    expect(stream.some((line) => line.startsWith('AWS/Lambda IteratorAge'))).toBe(true);
    expect(lines(titled('SMS: sent, failed, rejected, dead-lettered, uncertain')).map((line) => line.split(' ')[1])).toEqual(['SmsSent', 'SmsFailed', 'SmsRejected', 'SmsDeadLettered', 'SmsUncertain']);
    const business = lines(titled('Orders per hour: created, approved, rejected'));
    expect(business.map((line) => line.split(' ').slice(0, 4).join(' '))).toEqual(['BeverageShop OrdersCreated service orders', 'BeverageShop OrdersApproved service orders', 'BeverageShop OrdersRejected service orders']);
    expect(business.every((line) => line.includes('"period":3600'))).toBe(true);
  });
});
