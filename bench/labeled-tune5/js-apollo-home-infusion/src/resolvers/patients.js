const newrelic = require('newrelic');
const { GraphQLError } = require('graphql');
const { patients, orders, visits } = require('../db');
const { summarizeVisits } = require('../lib/ai');
const logger = require('../lib/logger')('patients');

module.exports = {
  Query: {
    patient: async (_, { id }) => {
      const rec = await patients.byId(id);
      if (!rec) throw new GraphQLError('not found', { extensions: { code: 'NOT_FOUND' } });
      newrelic.addCustomAttributes({ patientMrn: rec.mrn, payer: rec.payer }); // LEAK(logging): MRN attached to the APM transaction
      return rec;
    },

    patients: async (_, args, ctx) => {
      const rows = await patients.search(args);
      logger.info(`patient search by ${ctx.user.sub} returned ${rows.length} rows`); // SAFE(logging): staff id and a count
      return rows;
    },

    patientTimeline: async (_, { patientId }) => { // LEAK(audit): visit timeline (decrypted notes) resolved without @audit
      const rows = await visits.timeline(patientId);
      logger.debug(`timeline for ${patientId}: ${JSON.stringify(rows)}`); // LEAK(logging): decrypted nursing notes logged at debug
      return rows.map((r) => ({ id: r.id, visitDate: r.visit_date, siteAssessment: r.site_assessment, vitals: r.vitals, notes: r.notes, lineCare: r.line_care }));
    },

    visitSummary: async (_, { patientId }) => {
      const patient = await patients.byId(patientId);
      const timeline = await visits.timeline(patientId);
      return summarizeVisits(patient, timeline);
    },
  },

  Mutation: {
    createPatient: async (_, { input }) => {
      if (!/^[A-Z0-9]{9,12}$/.test(input.memberId)) {
        throw new GraphQLError(`invalid member id ${input.memberId} for ${input.lastName}, ${input.firstName}`); // LEAK(logging): error message built from member id and name
      }
      return patients.create(input);
    },
  },

  Patient: {
    orders: (patient) => orders.forPatient(patient.id),
    memberId: (patient) => patient.member_id,
    firstName: (patient) => patient.first_name,
    lastName: (patient) => patient.last_name,
  },
};
