import { describe, expect, it } from 'vitest';
import type { Variable } from '@/lib/dashboards/schema';
import { variableOptionsSearch } from './dashboards';

const query = (name: string, selector: string): Variable => ({ name, type: 'query', selector, label: name, multi: false, includeAll: false });
// region → cluster → namespace; env stands apart.
const VARS = [query('region', 'up'), query('cluster', 'up{region="$region"}'), query('namespace', 'kube_pod_info{cluster="$cluster"}'), query('env', 'up')];
const params = { from: 'now-1h', to: 'now', vars: { region: ['eu'], cluster: ['c1'], namespace: ['shop'], env: ['prod'] } };

describe('variableOptionsSearch', () => {
  it("carries the chosen values of every variable above in the chain, a grandparent's too, and nothing else", () => {
    expect(variableOptionsSearch(VARS, VARS[2]!, params)).toBe('from=now-1h&to=now&var-cluster=c1&var-region=eu');
    expect(variableOptionsSearch(VARS, VARS[1]!, params)).toBe('from=now-1h&to=now&var-region=eu');
    expect(variableOptionsSearch(VARS, VARS[3]!, params)).toBe('from=now-1h&to=now');
  });

  it('changes when a grandparent changes even while the parent is left to its default', () => {
    const cleared = { ...params, vars: { region: ['us'] } };
    expect(variableOptionsSearch(VARS, VARS[2]!, cleared)).toBe('from=now-1h&to=now&var-region=us');
    expect(variableOptionsSearch(VARS, VARS[2]!, cleared)).not.toBe(variableOptionsSearch(VARS, VARS[2]!, { ...params, vars: {} }));
  });
});
