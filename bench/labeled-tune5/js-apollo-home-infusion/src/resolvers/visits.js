const { visits } = require('../db');
const logger = require('../lib/logger')('visits');

module.exports = {
  Mutation: {
    recordVisit: async (_, { patientId, input }, ctx) => {
      const id = await visits.create(patientId, ctx.user.sub, input);
      logger.info(`visit ${id} recorded by nurse ${ctx.user.sub}: ${JSON.stringify(input.vitals)}`); // LEAK(logging): vital signs logged with the visit id
      return id;
    },

    updateLineCare: async (_, { visitId, lineCare }, ctx) => { // LEAK(audit): line-care update resolved without @audit
      await visits.updateLineCare(visitId, JSON.parse(lineCare));
      return true;
    },
  },
};
