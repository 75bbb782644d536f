// Vitest runs outside Next's bundler, where `server-only` would throw on import; the boundary it
// guards is enforced by the Next build and by ESLint's no-restricted-imports rule instead.
export {};
