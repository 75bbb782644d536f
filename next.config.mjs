/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', 'prom-client', '@opentelemetry/sdk-node'],
  poweredByHeader: false,
  // Sightline's server (lib/server/start.ts) encodes answers: API answers whole, pages and static files
  // streamed. Off here so that nothing is encoded twice; `next start` alone would send them unencoded.
  compress: false,
  reactStrictMode: true,
  typedRoutes: false,
  // `npm test` type-checks the whole repository (tsc --noEmit) as its own step; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // No page may be framed by another site (clickjacking of Settings' role and token buttons), and
  // answers are read as the type they say.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
