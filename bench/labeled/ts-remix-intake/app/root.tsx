import { json, type LoaderFunctionArgs } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
} from '@remix-run/react';
import { useEffect } from 'react';
import { config } from '~/config.server';
import { initAnalytics } from '~/lib/analytics.client';

export async function loader(_: LoaderFunctionArgs) {
  return json({ ENV: { POSTHOG_KEY: config.posthogKey } });
}

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { ENV } = useLoaderData<typeof loader>();
  useEffect(() => {
    initAnalytics(ENV.POSTHOG_KEY);
  }, [ENV.POSTHOG_KEY]);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : 'Something went wrong'; // SAFE(exposure): generic message, no error details
  return (
    <main className="error">
      <h1>We could not load this page</h1>
      <p>{message}</p>
      <a href="/intake">Back to your check-in</a>
    </main>
  );
}
