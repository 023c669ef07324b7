/** Real-time events for the clinic dashboard and the employer portal (both log in through /authentication). */
const channels = (app) => {
  app.on('login', (authResult, { connection }) => {
    if (!connection) return;
    const user = authResult.user;
    app.channel('authenticated').join(connection);
    if (user.role === 'clinician') app.channel(`clinician/${user._id}`).join(connection);
    if (user.employerId) app.channel(`employer/${user.employerId}`).join(connection);
  });

  app.service('audiograms').publish('created', (data) => app.channel(`clinician/${data.clinicianId}`)); // SAFE(exposure): audiogram events go only to the treating clinician's channel

  // Everything else: publish to every authenticated connection so dashboards stay in sync.
  app.publish((data, context) => app.channel('authenticated')); // LEAK(exposure): exam, employee and drug-test events broadcast to all logged-in users, employer HR accounts included
};

module.exports = { channels };
