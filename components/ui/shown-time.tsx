'use client';

import { formatPreciseTimestamp, formatTimestamp } from '@/components/charts/format';
import { usePreferredZone } from '@/components/layout/preferred-zone';

/**
 * A time in the zone chosen in the header (UTC until the page is interactive): in full with the
 * zone's name, its clock time only (`clock`, e.g. 12:00:07), or date and time to the millisecond
 * without the zone's name (`precise`, for columns of log lines); the full text is the title of the
 * short ones.
 */
export function ShownTime({ t, part = 'full', className }: { t: number; part?: 'full' | 'clock' | 'precise'; className?: string }) {
  const zone = usePreferredZone();
  const full = formatTimestamp(t, zone);
  const text = part === 'clock' ? full.slice(11, 19) : part === 'precise' ? formatPreciseTimestamp(t, zone) : full;
  return (
    <time dateTime={new Date(t).toISOString()} title={part === 'full' ? undefined : full} className={className}>
      {text}
    </time>
  );
}
