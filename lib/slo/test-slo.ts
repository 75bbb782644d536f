import { SloSchema, type SloInput } from './schema';

/** Tests' SLO: the payment availability SLO of the demo shop, with optional overrides. */
export const PAYMENT_VALID = 'http_server_requests_total{service="payment",route="/payments",method="POST"}';
export const PAYMENT_GOOD = 'http_server_requests_total{service="payment",route="/payments",method="POST",status!~"5.."}';

/** The payment SLO's definition as a file holds it, with optional overrides. */
export function paymentSloInput(overrides: Partial<SloInput> = {}): SloInput {
  return {
    id: 'payment-availability',
    service: 'payment',
    name: 'Payment',
    journey: 'A payment is taken',
    goodEvents: 'payment requests succeeded',
    owner: 'payments-team',
    objective: 99.5,
    window: { type: 'rolling', days: 30 },
    sli: { type: 'ratio', good: PAYMENT_GOOD, valid: PAYMENT_VALID },
    ...overrides,
  };
}

/** Builds a validated payment SLO for a test. */
export function makePaymentSlo(overrides: Partial<SloInput> = {}) {
  return SloSchema.parse(paymentSloInput(overrides));
}
