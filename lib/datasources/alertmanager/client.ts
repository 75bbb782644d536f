import 'server-only';
import { decodeJson, ensureOk } from '../decode';
import type { CallOptions, HttpClient } from '../http';
import type { Alert, Silence } from '../types';
import { AmAlerts, AmSilences } from './schemas';
import { toAlerts, toSilences } from './to-alerts';

/** Alertmanager filters: label matchers like `service="payment"`, and which states to include. */
export interface AlertFilter {
  matchers?: string[];
  silenced?: boolean;
  inhibited?: boolean;
  active?: boolean;
}

// Alertmanager answers errors as a JSON string or plain text.
const extractMessage = (text: string) => {
  const v = JSON.parse(text) as unknown;
  return typeof v === 'string' ? v : text;
};

/** Builds the Alertmanager adapter over a shared HTTP client. */
export function createAlertmanagerClient({ http }: { http: HttpClient }) {
  return {
    /** GET /api/v2/alerts: alerts with their silenced/inhibited status. */
    async alerts(filter: AlertFilter = {}, opts: CallOptions = {}): Promise<Alert[]> {
      const res = await http.request({
        path: '/api/v2/alerts',
        query: {
          filter: filter.matchers,
          silenced: filter.silenced === undefined ? undefined : String(filter.silenced),
          inhibited: filter.inhibited === undefined ? undefined : String(filter.inhibited),
          active: filter.active === undefined ? undefined : String(filter.active),
        },
        signal: opts.signal,
        deadline: opts.deadline,
        requestId: opts.requestId,
      });
      ensureOk('alertmanager', res, extractMessage);
      return toAlerts(decodeJson('alertmanager', res, AmAlerts));
    },
    /** GET /api/v2/silences: every silence, active, pending or expired. */
    async silences(opts: CallOptions = {}): Promise<Silence[]> {
      const res = await http.request({ path: '/api/v2/silences', signal: opts.signal, deadline: opts.deadline, requestId: opts.requestId });
      ensureOk('alertmanager', res, extractMessage);
      return toSilences(decodeJson('alertmanager', res, AmSilences));
    },
    /** GET /-/ready: Alertmanager's own readiness. */
    async ready(opts: CallOptions = {}): Promise<void> {
      const res = await http.request({ path: '/-/ready', signal: opts.signal, deadline: opts.deadline, requestId: opts.requestId });
      ensureOk('alertmanager', res, (t) => t);
    },
  };
}

export type AlertmanagerClient = ReturnType<typeof createAlertmanagerClient>;
