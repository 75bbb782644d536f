'use client';

import { useState } from 'react';
import { useLogLabelValues, useLogLabels } from '@/lib/queries/logs';

const select = 'rounded border border-[var(--border)] bg-[var(--panel)] px-1 py-0.5 text-xs';

/** Label name and value from Loki; choosing a value adds `name="value"` to the query's selector. */
export function LabelPicker({ from, to, onPick }: { from: string; to: string; onPick: (name: string, value: string) => void }) {
  const [name, setName] = useState('');
  const labels = useLogLabels(from, to);
  const values = useLogLabelValues(name, from, to);
  return (
    <div className="flex items-center gap-1 text-xs" role="group" aria-label="Label picker">
      <select aria-label="Label" value={name} onChange={(e) => setName(e.target.value)} className={select}>
        <option value="">{labels.isPending ? 'Loading labels…' : labels.isError ? 'Labels unavailable' : 'Label…'}</option>
        {labels.data?.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
      <select
        aria-label="Label value"
        value=""
        disabled={!name}
        onChange={(e) => {
          if (e.target.value) onPick(name, e.target.value);
        }}
        className={select}
      >
        <option value="">{values.isFetching ? 'Loading…' : 'Value…'}</option>
        {values.data?.map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
      {labels.isError && <span role="alert" className="text-[var(--bad)]" title={labels.error.message}>Loki labels unavailable</span>}
    </div>
  );
}
