import { PassThrough } from 'node:stream';
import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import * as Sentry from '@sentry/remix';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { log } from './services/logger.server';

Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.2, sendDefaultPii: true }); // LEAK(logging): server SDK attaches request bodies, cookies and user IPs to events

export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  Sentry.captureRemixServerException(error, 'remix.server', request);
  log.error(`request failed ${new URL(request.url).pathname}`); // SAFE(logging): path of a case route (uuids only)
}

export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext) {
  const bot = isbot(request.headers.get('user-agent') ?? '');
  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [bot ? 'onAllReady' : 'onShellReady']() {
        const body = new PassThrough();
        headers.set('Content-Type', 'text/html');
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
        pipe(body);
      },
      onShellError: reject,
      onError(err: unknown) {
        status = 500;
        console.error(err);
      },
    });
    setTimeout(abort, 5000);
  });
}
