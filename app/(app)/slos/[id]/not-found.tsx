import Link from 'next/link';
import { MissingSloId } from '@/components/slo/missing-slo-id';

/** 404 for /slos/{id} with an unknown id. */
export default function SloNotFound() {
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-lg font-semibold">
        <MissingSloId />
      </h1>
      <p className="text-sm">SLOs are defined in dashboards/slos/*.json; the id is the file name.</p>
      <Link href="/slos" className="text-sm text-[var(--accent)] underline">
        All SLOs
      </Link>
    </div>
  );
}
