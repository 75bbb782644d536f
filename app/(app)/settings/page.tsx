import { PageGate } from '@/components/layout/page-gate';
import { TokenManager } from '@/components/settings/token-manager';
import { UserManager } from '@/components/settings/user-manager';

export const metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <PageGate role="admin" what="Settings">
      <h1 className="mb-4 text-lg font-semibold">Settings</h1>
      <UserManager />
      <TokenManager />
    </PageGate>
  );
}
