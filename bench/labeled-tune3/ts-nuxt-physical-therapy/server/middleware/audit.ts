/**
 * Access audit for chart routes: every request under /api/patients/ is recorded once the
 * response has been sent, with the clinician from the sealed session.
 */
export default defineEventHandler((event) => {
  if (!event.path.startsWith('/api/patients/')) return;
  event.node.res.on('finish', () => {
    const id = getRouterParam(event, 'id');
    recordAudit(event, `${event.method} ${event.path.split('?')[0]}`, id).catch((err) => {
      console.error('[audit] write failed', err.message);
    });
  });
});
