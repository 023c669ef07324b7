const Analytics = require('@rudderstack/rudder-sdk-node');

const client = new Analytics(process.env.RUDDER_WRITE_KEY, {
  dataPlaneUrl: sails.config.custom.rudderDataPlane,
});

module.exports = {
  friendlyName: 'Track event',
  sync: true,
  inputs: {
    userId: { type: 'string', required: true },
    event: { type: 'string', required: true },
    properties: { type: 'ref', defaultsTo: {} },
  },
  fn: function ({ userId, event, properties }) {
    client.track({ userId, event, properties });
  },
};
