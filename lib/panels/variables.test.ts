import { describe, expect, it } from 'vitest';
import type { DashboardInput } from '@/lib/dashboards/schema';
import { resolvePanel, resolveWindow } from './resolve';
import { checkVariableRequest, variableOptionsReader } from './variables';
import { dashboard, errorOf, fakeDeps, NOW, req } from './test-panels';

type VariableInput = NonNullable<DashboardInput['variables']>[number];

/** $env (custom) above $service, whose selector uses it: the test dashboard's `rate` panel uses $service only. */
const chained = (env: Partial<VariableInput> = {}, service: Partial<VariableInput> = {}) =>
  dashboard({
    variables: [
      { name: 'env', type: 'custom', options: ['prod', 'staging'], ...env } as VariableInput,
      { name: 'service', type: 'query', selector: 'up{env="$env"}', label: 'service', ...service } as VariableInput,
    ],
  });

describe('chained variables', () => {
  it("reads a variable's values for its selector with the chosen value of the variable above it", async () => {
    const { deps, labelCalls, ranges } = fakeDeps();
    await resolvePanel(deps, chained(), req('rate', { values: { env: 'staging', service: 'payment' } }));
    expect(labelCalls).toEqual([['up{env="staging"}']]);
    expect(ranges[0]?.query).toBe('sum(rate(x{service="payment"}[1m]))');
  });

  it("fills in the parent's default, else its first value, when the request does not choose one", async () => {
    const first = fakeDeps();
    await resolvePanel(first.deps, chained(), req('rate'));
    expect(first.labelCalls).toEqual([['up{env="prod"}']]);
    const byDefault = fakeDeps();
    await resolvePanel(byDefault.deps, chained({ default: 'staging' }), req('rate'));
    expect(byDefault.labelCalls).toEqual([['up{env="staging"}']]);
  });

  it('fills in every value of a multi-select parent as an escaped regex group', async () => {
    const { deps, labelCalls } = fakeDeps();
    const d = chained({ multi: true, includeAll: true, options: ['prod', 'eu.staging'] }, { selector: 'up{env=~"$env"}' });
    await resolvePanel(deps, d, req('rate', { values: { env: '$__all' } }));
    expect(labelCalls).toEqual([['up{env=~"(?:prod|eu\\\\.staging)"}']]);
  });

  it('refuses a hostile parent value before any label values are read', async () => {
    const { deps, labelCalls } = fakeDeps();
    const err = await errorOf(resolvePanel(deps, chained(), req('rate', { values: { env: 'prod"} or up{a="' } })));
    expect([err.code, err.message]).toEqual(['INVALID_INPUT', 'value "prod\\"} or up{a=\\"" of $env has characters that are not allowed']);
    expect(labelCalls).toHaveLength(0);
  });

  it('leaves a child with no values when the parent value does not occur, and says why on the panel', async () => {
    const { deps, labelCalls, ranges } = fakeDeps();
    const d = dashboard({
      variables: [
        { name: 'service', type: 'query', selector: 'up', label: 'service' },
        { name: 'route', type: 'query', selector: 'x{service="$service"}', label: 'route', multi: true, includeAll: true, default: '$__all' },
      ],
      rows: [{ title: 'Main', panels: [{ id: 'routes', title: 'Routes', type: 'timeseries', queries: [{ id: 'a', expr: 'sum(rate(x{route=~"$route"}[5m]))' }] }] }],
    });
    const data = await resolvePanel(deps, d, req('routes', { values: { service: 'billing' } }));
    expect(data).toMatchObject({ type: 'timeseries', series: [] });
    expect(data.notices.map((n) => n.message)).toEqual(['Value "billing" of $service does not occur in this range', '$route has no values in this range']);
    expect(labelCalls).toEqual([['up']]);
    expect(ranges).toHaveLength(0);
  });

  it('reads a parent shared by two children once per request', async () => {
    const { deps, labelCalls } = fakeDeps();
    const d = dashboard({
      variables: [
        { name: 'service', type: 'query', selector: 'up', label: 'service' },
        { name: 'route', type: 'query', selector: 'x{service="$service"}', label: 'route' },
        { name: 'method', type: 'query', selector: 'y{service="$service"}', label: 'method' },
      ],
      rows: [{ title: 'Main', panels: [{ id: 'both', title: 'Both', type: 'timeseries', queries: [{ id: 'a', expr: 'sum(rate(x{route="$route",method="$method"}[5m]))' }] }] }],
    });
    await resolvePanel(deps, d, req('both', { values: { service: 'payment', route: 'checkout', method: 'payment' } }));
    expect(labelCalls.map((m) => m[0]).sort()).toEqual(['up', 'x{service="payment"}', 'y{service="payment"}']);
  });

  it("works out a variable's options and its parents once per request, however often they are asked for", async () => {
    const { deps, labelCalls } = fakeDeps();
    const d = chained();
    const reader = variableOptionsReader(deps, d, resolveWindow(d, undefined, undefined, NOW, 15).window, checkVariableRequest(d, { env: 'staging' }), {});
    const service = d.variables[1]!;
    expect(reader.parentsOf(service)).toBe(reader.parentsOf(service));
    const [options, parents] = await Promise.all([reader.optionsOf(service), reader.parentsOf(service), reader.optionsOf(service)]);
    expect([options, parents.values]).toEqual([['checkout', 'payment'], { env: ['staging'] }]);
    expect(labelCalls).toEqual([['up{env="staging"}']]);
  });

  it('refuses a selector that uses a variable defined below it (a chain without cycles), before reading anything', async () => {
    const { deps, labelCalls } = fakeDeps();
    const d = dashboard({ variables: [{ name: 'service', type: 'query', selector: 'up{env="$env"}', label: 'service' }, { name: 'env', type: 'custom', options: ['prod'] }] });
    const err = await errorOf(resolvePanel(deps, d, req('rate')));
    expect([err.code, err.message]).toEqual(['INVALID_INPUT', 'the selector of $service uses $env, which is not defined above it; a selector may use only the variables above it']);
    expect(labelCalls).toHaveLength(0);
  });
});
