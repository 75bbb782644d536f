import { describe, expect, it } from 'vitest';
import { axisUnits } from './axis-units';

describe('axisUnits', () => {
  it("gives each y axis the unit of its queries, else the panel's", () => {
    expect(axisUnits([{ axis: 'left' }, { axis: 'right', unit: 'reqps' }], 'seconds')).toEqual({ left: 'seconds', right: 'reqps' });
    expect(axisUnits([{ axis: 'left', unit: 'ratio' }], 'none')).toEqual({ left: 'ratio', right: 'none' });
    expect(axisUnits([{ axis: 'right' }], 'bytes')).toEqual({ left: 'bytes', right: 'bytes' });
  });
});
