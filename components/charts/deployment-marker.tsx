'use client';

import { useEffect } from 'react';
import type { Deployment } from '@/lib/datasources/types';
import { formatTimestamp } from './format';

/** One line of text describing a deployment: service, version, commit and who. */
export function describeDeployment(d: Deployment): string {
  return `${d.service} ${d.version}${d.commit ? ` (${d.commit.slice(0, 12)})` : ''} by ${d.createdBy}`;
}

/** The marker on top of a deployment's vertical line; hovering or focusing it opens the details. */
export function DeploymentMarker({ x, y, deployment, onOpen }: { x: number; y: number; deployment: Deployment; onOpen: (d: Deployment, x: number) => void }) {
  return (
    <g
      data-testid="deployment-marker"
      data-service={deployment.service}
      role="button"
      tabIndex={0}
      aria-label={`Deployment: ${describeDeployment(deployment)}`}
      onMouseEnter={() => onOpen(deployment, x)}
      onFocus={() => onOpen(deployment, x)}
      onClick={() => onOpen(deployment, x)}
      style={{ cursor: 'pointer' }}
    >
      <path d={`M${x - 5},${y} L${x + 5},${y} L${x},${y + 7} Z`} fill="#7c3aed" />
      <title>{describeDeployment(deployment)}</title>
    </g>
  );
}

/** The details box of a deployment: service, version, commit, who, when, and a link to the pipeline. */
export function DeploymentDetails({ deployment, left, timeZone, onClose }: { deployment: Deployment; left: number; timeZone: string; onClose: () => void }) {
  // Opened by keyboard focus too, so Escape must close it (it covers the top of the chart).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div role="tooltip" data-testid="deployment-details" className="absolute top-1 z-20 w-64 rounded border border-[var(--border)] bg-[var(--panel)] p-2 text-xs shadow-lg" style={{ left: Math.max(0, left - 128) }} onMouseLeave={onClose}>
      <div className="flex items-start justify-between gap-2 font-semibold">
        <span>
          Deployed {deployment.service} {deployment.version}
        </span>
        <button type="button" aria-label="Close deployment details" onClick={onClose} className="px-1 leading-none text-[var(--muted)] hover:text-[var(--text)]">
          ×
        </button>
      </div>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2">
        <dt className="text-[var(--muted)]">Commit</dt>
        <dd className="truncate font-mono">{deployment.commit ?? '—'}</dd>
        <dt className="text-[var(--muted)]">By</dt>
        <dd>{deployment.createdBy}</dd>
        <dt className="text-[var(--muted)]">At</dt>
        <dd>{formatTimestamp(deployment.startedAt, timeZone)}</dd>
        <dt className="text-[var(--muted)]">Status</dt>
        <dd>{deployment.status.replace('_', ' ')}</dd>
      </dl>
      {deployment.url && (
        <a href={deployment.url} target="_blank" rel="noreferrer" className="mt-1 inline-block text-[var(--accent)] underline">
          Open deployment
        </a>
      )}
    </div>
  );
}
