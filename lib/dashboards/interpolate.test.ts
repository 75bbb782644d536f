import { describe, expect, it } from 'vitest';
import { parser as promParser } from '@prometheus-io/lezer-promql';
import { parser as logParser } from '@grafana/lezer-logql';
import { ALL_VALUE, checkRequestedValues, findVariableRefs, interpolateQuery, interpolateText, renderValues, resolveVariableValues, type RequestedValues } from './interpolate';
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

  it('joins multi-select values as an escaped alternation for =~, grouped so that it stays one term', () => {
    expect(interpolateQuery('x{route=~"$r"}', { r: ['/api/orders/:id', '/api/cart'] }, builtins)).toBe('x{route=~"(?:/api/orders/:id|/api/cart)"}');
    expect(interpolateQuery('x{v=~"$r"}', { r: ['1.2', 'a+b'] }, builtins)).toBe('x{v=~"(?:1\\\\.2|a\\\\+b)"}');
    expect(interpolateQuery('x{route=~"$r"}', { r: ['/api/cart'] }, builtins)).toBe('x{route=~"/api/cart"}');
  });

  it('keeps the text around a multi-value reference in a regex applying to every value', () => {
    const out = interpolateQuery('up{instance=~"$host:.*"} or x{route=~"/api$route"}', { host: ['h1', 'h2'], route: ['/a', '/b'] }, builtins);
    expect(out).toBe('up{instance=~"(?:h1|h2):.*"} or x{route=~"/api(?:/a|/b)"}');
    const instance = new RegExp(`^(?:${'(?:h1|h2):.*'})$`);
    expect(['h1:9090', 'h2:9090', 'h1', 'x:h2:1'].map((v) => instance.test(v))).toEqual([true, true, false, false]);
  });

  it('skips comments, whose quotes open no string and whose references are not filled in', () => {
    expect(interpolateQuery("# the route's p99 ($unused)\nsum(x{route=~\"$route\"})", { route: ['/a', '/b'] }, builtins)).toBe("# the route's p99 ($unused)\nsum(x{route=~\"(?:/a|/b)\"})");
    expect(findVariableRefs('x{a="#$v"} # $w').map((r) => r.name)).toEqual(['v']);
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
  /** As validateVariables does it: the request checked once, then the variables in `used` resolved. */
  const resolve = (variables: Variable[], requested: RequestedValues, avail: Readonly<Record<string, readonly string[]>>, used: ReadonlySet<string>) =>
    resolveVariableValues(variables, checkRequestedValues(variables, requested), avail, used);

  it('uses requested values, then defaults, then the first available value', () => {
    expect(resolve([service, env], { service: 'payment' }, available, new Set(['service', 'env'])).values).toEqual({ service: ['payment'], env: ['prod'] });
    expect(resolve([service], {}, available, new Set(['service'])).values).toEqual({ service: ['checkout'] });
  });

  it('expands All to every allowed value', () => {
    expect(resolve([route], { route: ALL_VALUE }, {}, new Set(['route'])).values).toEqual({ route: ['/api/cart', '/api/products'] });
    expect(() => resolve([env], { env: ALL_VALUE }, {}, new Set(['env']))).toThrow(/does not offer "All"/);
  });

  it.each(HOSTILE)('rejects the hostile value %j before it reaches a query', (value) => {
    expect(() => resolve([service], { service: value }, { service: [value, 'checkout'] }, new Set(['service']))).toThrow(/not allowed/);
    expect(() => resolve([env], { env: value }, {}, new Set(['env']))).toThrow();
  });

  it('rejects values outside the options or pattern, and several values for a single-select', () => {
    expect(() => resolve([env], { env: 'dev' }, {}, new Set(['env']))).toThrow('value "dev" is not one of the values of $env');
    expect(() => resolve([env], { env: ['prod', 'staging'] }, {}, new Set(['env']))).toThrow(/takes one value/);
    const strict = VariableSchema.parse({ name: 'r', type: 'custom', options: ['/api/cart', '/internal'], allowedPattern: '/api/.*' });
    expect(() => resolve([strict], { r: '/internal' }, {}, new Set(['r']))).toThrow(/does not match/);
  });

  it('leaves out values the window does not offer, and names variables left with none', () => {
    const multi = VariableSchema.parse({ name: 'service', type: 'query', selector: 'up', label: 'service', multi: true, includeAll: true });
    expect(resolve([service], { service: 'billing' }, available, new Set(['service']))).toEqual({ values: {}, notices: [{ code: 'PARTIAL', message: 'Value "billing" of $service does not occur in this range' }], empty: ['service'] });
    expect(resolve([multi], { service: ['billing', 'payment', 'tax'] }, available, new Set(['service']))).toEqual({
      values: { service: ['payment'] },
      notices: [{ code: 'PARTIAL', message: 'Values "billing", "tax" of $service do not occur in this range and are left out' }],
      empty: [],
    });
    expect(resolve([multi], { service: ALL_VALUE }, { service: [] }, new Set(['service']))).toEqual({ values: {}, notices: [{ code: 'PARTIAL', message: '$service has no values in this range' }], empty: ['service'] });
    expect(resolve([service], {}, { service: [] }, new Set(['service'])).empty).toEqual(['service']);
  });

  it('resolves only the variables in use, yet checks the characters of every value', () => {
    expect(resolve([service, env], { service: 'billing' }, {}, new Set(['env']))).toEqual({ values: { env: ['prod'] }, notices: [], empty: [] });
    expect(() => resolve([service, env], { service: '"} or vector(1)' }, {}, new Set(['env']))).toThrow('value "\\"} or vector(1)" of $service has characters that are not allowed');
    expect(() => resolve([service, env], { env: ALL_VALUE }, available, new Set(['service']))).toThrow(/does not offer "All"/);
  });

  it('refuses to guess when a query variable was not fetched', () => {
    expect(() => resolve([service], { service: 'payment' }, {}, new Set(['service']))).toThrow(/not fetched/);
  });
});
