/**
 * Next.js start-up hook. The work lives in lib/observability/startup.ts, loaded only in the Node.js
 * runtime (it uses process.exit and the OpenTelemetry Node SDK, which the Edge runtime lacks).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('@/lib/observability/startup');
    await startServer();
  }
}
