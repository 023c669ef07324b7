export default defineNitroPlugin((nitro) => {
  nitro.hooks.hook('error', async (error, { event }) => {
    const body = event && event.method !== 'GET' ? await readBody(event).catch(() => undefined) : undefined;
    console.error('[nitro] request error', { path: event?.path, message: error.message, body }); // LEAK(logging): request body (SOAP notes, patient demographics) logged with every server error
  });
});
