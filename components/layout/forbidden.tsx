import Link from 'next/link';

/** The friendly page shown when a signed-in user lacks the role a page needs. */
export function Forbidden({ needed, have, what }: { needed: string; have: string; what: string }) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg rounded border border-[var(--border)] bg-[var(--panel)] p-6">
      <h1 className="mb-2 text-lg font-semibold">You need the {needed} role</h1>
      <p className="text-[var(--muted)]">
        {what} is available to the {needed} role and above. You are signed in with the {have} role. Ask an administrator if you need access.
      </p>
      <Link href="/dashboards" className="mt-4 inline-block text-[var(--accent)] underline">
        Back to dashboards
      </Link>
    </div>
  );
}
