import { describe, expect, it } from 'vitest';
import type { Variable } from './schema';
import { dependentsOf, selectorParents, withAncestors } from './variable-chain';

const query = (name: string, selector: string): Variable => ({ name, type: 'query', selector, label: name, multi: false, includeAll: false });
const custom = (name: string): Variable => ({ name, type: 'custom', options: ['a'], multi: false, includeAll: false });

// region → cluster → namespace, and service beside them using region too; env stands alone.
const VARS = [custom('region'), query('cluster', 'up{region="$region"}'), query('namespace', 'kube_pod_info{cluster="${cluster}",region=~"[[region]]"}'), query('service', 'up{region="$region"}'), custom('env')];

describe('variable chains', () => {
  it("names a selector's variables once each, in order, without the built-ins", () => {
    expect(selectorParents(VARS[2]!)).toEqual(['cluster', 'region']);
    expect(selectorParents(query('x', 'up{a="$region",b="$region",c="$__range"}'))).toEqual(['region']);
    expect(selectorParents(custom('region'))).toEqual([]);
  });

  it('adds every ancestor of the names asked for', () => {
    expect([...withAncestors(VARS, ['namespace'])].sort()).toEqual(['cluster', 'namespace', 'region']);
    expect([...withAncestors(VARS, ['env', '__range'])].sort()).toEqual(['__range', 'env']);
  });

  it('lists the variables a change affects, transitively and in dashboard order', () => {
    expect(dependentsOf(VARS, 'region')).toEqual(['cluster', 'namespace', 'service']);
    expect(dependentsOf(VARS, 'cluster')).toEqual(['namespace']);
    expect(dependentsOf(VARS, 'env')).toEqual([]);
  });
});
