'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

/** Client-side providers: one react-query client per browser tab. */
export function Providers({ children }: { children: ReactNode }) {
  // Marks the document once React owns it; end-to-end tests wait for it before typing into
  // controlled inputs, which hydration would otherwise reset.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
