import { z } from 'zod';
import { createShopKit } from './lib/service';
import { HttpError } from './lib/http-server';
import { setBuildInfo } from './lib/metrics';
import { chance, sampleLatencyMs, simulateWork, sleep } from './lib/random';

/**
 * payment: charges a card through a simulated provider. v1 is healthy; v2 (the bad deploy of the
 * demo scenario) uses a new provider client that waits ~2 s and fails about a third of payments.
 * POST /admin/version switches versions at runtime, as a deploy or rollback would.
 */
const kit = createShopKit();
const { log, metrics } = kit;
let version = kit.config.SHOP_VERSION;

const PaymentSchema = z.object({ orderId: z.string().min(1), amountCents: z.number().int().positive(), currency: z.string().length(3).default('EUR') });
const VersionSchema = z.object({ version: z.enum(['v1', 'v2']) });
const PROVIDER_TIMEOUT_MS = 2_000;

async function chargeV1(orderId: string): Promise<void> {
  await simulateWork(110, 0.45);
  if (chance(0.001)) throw new HttpError(502, `payment provider returned 502 for order ${orderId}`);
}

async function chargeV2(orderId: string): Promise<void> {
  const waitMs = sampleLatencyMs(1_850, 0.15, PROVIDER_TIMEOUT_MS + 400);
  // About 30% of waits pass the provider timeout, plus a few outright failures: ~1/3 of payments fail.
  if (waitMs >= PROVIDER_TIMEOUT_MS || chance(0.05)) {
    await sleep(Math.min(waitMs, PROVIDER_TIMEOUT_MS));
    throw new HttpError(503, `payment declined by provider: timeout after ${PROVIDER_TIMEOUT_MS}ms (order ${orderId})`);
  }
  await sleep(waitMs);
}

void kit.serve([
  {
    method: 'POST',
    route: '/payments',
    handler: async (req) => {
      const parsed = PaymentSchema.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, `invalid payment: ${z.prettifyError(parsed.error)}`);
      const { orderId, amountCents, currency } = parsed.data;
      req.span.setAttributes({ 'payment.version': version, 'order.id': orderId, 'payment.amount_cents': amountCents });
      try {
        if (version === 'v2') await chargeV2(orderId);
        else await chargeV1(orderId);
      } catch (err) {
        log.error(err instanceof Error ? err.message : String(err), { order_id: orderId, payment_version: version });
        throw err;
      }
      // Cards get declined now and then: a normal 4xx, not an outage.
      if (chance(0.02)) {
        log.warn(`card declined for order ${orderId}: insufficient funds`, { order_id: orderId });
        return { status: 402, body: { error: { code: 'CARD_DECLINED', message: 'card declined' } } };
      }
      log.info(`charged ${(amountCents / 100).toFixed(2)} ${currency} for order ${orderId}`, { order_id: orderId, payment_version: version });
      return { status: 201, body: { paymentId: `pay-${orderId}`, status: 'captured' } };
    },
  },
  {
    method: 'POST',
    route: '/admin/version',
    instrument: false,
    handler: async (req) => {
      const parsed = VersionSchema.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'version must be v1 or v2' } } };
      const previous = version;
      version = parsed.data.version;
      setBuildInfo(metrics.buildInfo, 'payment', version);
      log.warn(`payment switched from ${previous} to ${version}`, { payment_version: version });
      return { body: { previous, version } };
    },
  },
  { method: 'GET', route: '/admin/version', instrument: false, handler: async () => ({ body: { version } }) },
]);
