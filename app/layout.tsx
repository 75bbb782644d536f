import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { earlyTypingScript } from '@/components/ui/early-typing';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = { title: { default: 'Sightline', template: '%s · Sightline' }, description: 'Dashboards as code, SLOs and traces' };

// Applies the saved theme before first paint, so dark mode never flashes light.
const themeScript = `try{var t=localStorage.getItem('sightline-theme');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        <script dangerouslySetInnerHTML={{ __html: earlyTypingScript }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
