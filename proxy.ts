import { NextResponse, type NextRequest } from 'next/server';

// Pages learn their own path from this header, so a redirect to sign-in can come back to it.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-sightline-path', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/((?!api/|_next/|favicon.ico).*)'] };
