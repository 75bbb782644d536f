import type { Role } from '@/lib/env';

/** The demo logins `npm run demo` creates: one per role. Never created outside the demo and tests. */
export const DEMO_LOGINS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: 'viewer@sightline.local', name: 'Vera Viewer', role: 'viewer', password: 'viewer-demo-pass' },
  { email: 'operator@sightline.local', name: 'Omar Operator', role: 'operator', password: 'operator-demo-pass' },
  { email: 'developer@sightline.local', name: 'Dana Developer', role: 'developer', password: 'developer-demo-pass' },
  { email: 'admin@sightline.local', name: 'Ada Admin', role: 'admin', password: 'admin-demo-pass' },
];
