import { describe, expect, it } from 'vitest';
import { parser as promParser } from '@prometheus-io/lezer-promql';
import { parser as logParser } from '@grafana/lezer-logql';
import { ALL_VALUE, findVariableRefs, interpolateQuery, interpolateText, renderValues, resolveVariableValues } from './interpolate';
import { VariableSchema, type Variable } from './schema';

const builtins = { rangeSeconds: 6 * 3600, intervalSeconds: 60, rateIntervalSeconds: 75 };

/** Node names of the parse tree, in order: equal shapes mean the value stayed inside its literal. */
function shape(p: typeof promParser, text: string): string {
  const names: string[] = [];
  p.parse(text).iterate({ enter: (n) => void names.push(n.name) });
  return names.join(' ');
}

const HOSTILE = [
  '"} or vector(1) or {a="',
  '"',
  '\\',
  '\\"} or vector(1) #',
  'a\nb',
  '{}',
  "' or vector(1) or '",
  '.*|x',
  ']) or vector(1',
  'a\\nb"',
];

const PROM_TEMPLATES = [
  'sum(rate(http_server_requests_total{service="$service"}[5m]))',
  'sum(rate(http_server_requests_total{service=~"${service}"}[5m]))',
  "sum(rate(http_server_requests_total{service!~'[[service]]'}[5m]))",
  'sum by (route) (rate(http_server_requests_total{service="$service", route!="$service"}[5m]))',
];

describe('escaping keeps the query structure for hostile values (no validation in front)', () => {
  for (const template of PROM_TEMPLATES) {
    const benign = shape(promParser, interpolateQuery(template, { service: ['checkout'] }, builtins));
    it.each(HOSTILE)(`${template} with %j`, (value) => {
      const out = interpolateQuery(template, { service: [value] }, builtins);
      expect(shape(promParser, out)).toBe(benign);
    });
  }

  it.each(HOSTILE)('LogQL stream selector and regex line filter with %j', (value) => {
    const template = '{service_name="$service"} |~ "$service" | json | level="$service"';
    const benign = shape(logParser, interpolateQuery(template, { service: ['checkout'] }, builtins));
    expect(shape(logParser, interpolateQuery(template, { service: [value] }, builtins))).toBe(benign);
  });

  it.each(HOSTILE)('an equality matcher with %j compares against exactly that value', (value) => {
    const out = interpolateQuery('x{a="$v"}', { v: [value] }, builtins);
    const literal = /"(.*)"/s.exec(out)?.[1] ?? '';
    expect(JSON.parse(`"${literal}"`)).toBe(value);
  });

  it.each(HOSTILE)('a regex matcher with %j matches exactly that value', (value) => {
    const out = interpolateQuery('x{a=~"$v"}', { v: [value] }, builtins);
    const literal = /"(.*)"/s.exec(out)?.[1] ?? '';
    const regex = new RegExp(`^(?:${JSON.parse(`"${literal}"`) as string})$`);
    expect(regex.test(value)).toBe(true);
    expect(regex.test(`${value}x`)).toBe(false);
  });

  it('refuses values it cannot place: bare tokens and backticks in raw strings', () => {
    expect(() => interpolateQuery('sum by ($l) (x)', { l: ['route) or vector(1'] }, builtins)).toThrow(/outside quotes/);
    expect(() => interpolateQuery('x{a=`$v`}', { v: ['a` or vector(1) or x{a=`'] }, builtins)).toThrow(/backtick/);
    expect(interpolateQuery('sum by ($l) (x)', { l: ['route'] }, builtins)).toBe('sum by (route) (x)');
  });
});

describe('interpolateQuery', () => {
  it('supports $var, ${var} and [[var]] and the built-ins', () => {
    const out = interpolateQuery('rate(x{a="$v",b="${v}",c="[[v]]"}[$__rate_interval]) / $__range_unused', { v: ['k'], __range_unused: ['1'] }, builtins);
    expect(out).toBe('rate(x{a="k",b="k",c="k"}[1m15s]) / 1');
    expect(interpolateQuery('increase(x[$__range]) [$__interval]', {}, builtins)).toBe('increase(x[6h]) [1m]');
  });

  it('joins multi-select values as an escaped alternation for =~', () => {
    expect(interpolateQuery('x{route=~"$r"}', { r: ['/api/orders/:id', '/api/cart'] }, builtins)).toBe('x{route=~"/api/orders/:id|/api/cart"}');
    expect(interpolateQuery('x{v=~"$r"}', { r: ['1.2', 'a+b'] }, builtins)).toBe('x{v=~"1\\\\.2|a\\\\+b"}');
  });

  it('refuses several values after = and undefined variables', () => {
    expect(() => interpolateQuery('x{a="$r"}', { r: ['a', 'b'] }, builtins)).toThrow(/=~/);
    expect(() => interpolateQuery('x{a="$nope"}', {}, builtins)).toThrow(/\$nope/);
  });

  it('leaves regex anchors and subqueries alone', () => {
    expect(interpolateQuery('x{a=~"^/api/.*$"}[30m:1m]', {}, builtins)).toBe('x{a=~"^/api/.*$"}[30m:1m]');
    expect(findVariableRefs('x{a=~"^/api/.*$"}[30m:1m]')).toEqual([]);
  });

  it('reports each reference with its context', () => {
    const refs = findVariableRefs('sum by ($g) (x{a="$v", b=~"$w"}) |~ `$r`');
    expect(refs.map((r) => [r.name, r.context])).toEqual([
      ['g', { kind: 'bare' }],
      ['v', { kind: 'string', quote: '"', regex: false }],
      ['w', { kind: 'string', quote: '"', regex: true }],
      ['r', { kind: 'string', quote: '`', regex: true }],
    ]);
  });

  it('substitutes plain text for titles and service names', () => {
    expect(interpolateText('Service ${svc} ($svc)', { svc: ['payment'] })).toBe('Service payment (payment)');
  });

  it('renders a raw string value unescaped (backslashes are literal there)', () => {
    expect(renderValues('v', ['a.b'], { kind: 'string', quote: '`', regex: true })).toBe('a\\.b');
  });
});

describe('resolveVariableValues', () => {
  const service: Variable = VariableSchema.parse({ name: 'service', type: 'query', selector: 'build_info{job="shop"}', label: 'service' });
  const env: Variable = VariableSchema.parse({ name: 'env', type: 'custom', options: ['prod', 'staging'], default: 'prod' });
  const route: Variable = VariableSchema.parse({ name: 'route', type: 'custom', options: ['/api/cart', '/api/products'], multi: true, includeAll: true, allowedPattern: '/api/.*' });
  const available = { service: ['checkout', 'payment'] };

  it('uses requested values, then defaults, then the first available value', () => {
    expect(resolveVariableValues([service, env], { service: 'payment' }, available)).toEqual({ service: ['payment'], env: ['prod'] });
    expect(resolveVariableValues([service], {}, available)).toEqual({ service: ['checkout'] });
  });

  it('expands All to every allowed value', () => {
    expect(resolveVariableValues([route], { route: ALL_VALUE }, {})).toEqual({ route: ['/api/cart', '/api/products'] });
    expect(() => resolveVariableValues([env], { env: ALL_VALUE }, {})).toThrow(/does not offer "All"/);
  });

  it.each(HOSTILE)('rejects the hostile value %j before it reaches a query', (value) => {
    expect(() => resolveVariableValues([service], { service: value }, { service: [value, 'checkout'] })).toThrow(/not allowed/);
    expect(() => resolveVariableValues([env], { env: value }, {})).toThrow();
  });

  it('rejects values outside the allowed list or pattern, and several values for a single-select', () => {
    expect(() => resolveVariableValues([service], { service: 'billing' }, available)).toThrow(/not one of the values/);
    expect(() => resolveVariableValues([env], { env: ['prod', 'staging'] }, {})).toThrow(/takes one value/);
    const strict = VariableSchema.parse({ name: 'r', type: 'custom', options: ['/api/cart', '/internal'], allowedPattern: '/api/.*' });
    expect(() => resolveVariableValues([strict], { r: '/internal' }, {})).toThrow(/does not match/);
  });

  it('refuses to guess when a query variable was not fetched', () => {
    expect(() => resolveVariableValues([service], { service: 'payment' }, {})).toThrow(/not fetched/);
  });
});
