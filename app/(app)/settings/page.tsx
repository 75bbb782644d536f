import { PageGate } from '@/components/layout/page-gate';
import { TokenManager } from '@/components/settings/token-manager';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <PageGate role="admin" what="Settings">
      <h1 className="mb-4 text-lg font-semibold">Settings</h1>
      <TokenManager />
    </PageGate>
  );
}
