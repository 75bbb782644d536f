import { describe, expect, it } from 'vitest';
import { buildCorrelationLogQuery, classifySearch } from './search-input';

describe('classifySearch', () => {
  it('recognises 32- and 16-digit trace ids, lower-cased', () => {
    expect(classifySearch(' 4BF92F3577B34DA6A3CE929D0E0E4736 ')).toEqual({ kind: 'trace', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(classifySearch('a3ce929d0e0e4736')).toEqual({ kind: 'trace', traceId: 'a3ce929d0e0e4736' });
  });

  it('takes the trace id of a pasted W3C traceparent value', () => {
    expect(classifySearch('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({ kind: 'trace', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(classifySearch(' 00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00 ')).toEqual({ kind: 'trace', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });

  it('takes request ids and UUIDs as correlation ids, including hex of other lengths', () => {
    expect(classifySearch('req-7f3a.b:1_x')).toEqual({ kind: 'correlation', id: 'req-7f3a.b:1_x' });
    expect(classifySearch('6f1c2f8e-2b4d-4c1e-9d55-0a1b2c3d4e5f')).toMatchObject({ kind: 'correlation' });
    expect(classifySearch('abc123')).toMatchObject({ kind: 'correlation' });
  });

  it('refuses empty, too long and hostile input with a message', () => {
    expect(classifySearch('   ')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Type a correlation id') });
    expect(classifySearch('a'.repeat(129))).toMatchObject({ kind: 'invalid', message: expect.stringContaining('129 characters') });
    for (const bad of ['x" } |= "', 'a b', '{service_name=~".+"}', 'id\\n', "x'; drop", '<script>']) {
      expect(classifySearch(bad)).toMatchObject({ kind: 'invalid' });
    }
  });
});

describe('buildCorrelationLogQuery', () => {
  it('filters every service\'s lines by the structured-metadata field', () => {
    expect(buildCorrelationLogQuery('correlation_id', 'req-42')).toBe('{service_name=~".+"} | correlation_id="req-42"');
  });

  it('refuses a field name or an id that could change the query', () => {
    expect(() => buildCorrelationLogQuery('correlation_id"} |', 'req-42')).toThrow(/field name/);
    expect(() => buildCorrelationLogQuery('correlation_id', 'x" or "')).toThrow(/correlation id/);
  });
});
