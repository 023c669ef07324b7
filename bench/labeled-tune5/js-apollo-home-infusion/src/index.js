require('dotenv').config();
const http = require('http');
const express = require('express');
const cors = require('cors');
const Keyv = require('keyv');
const { ApolloServer } = require('@apollo/server');
const { expressMiddleware } = require('@apollo/server/express4');
const { ApolloServerPluginDrainHttpServer } = require('@apollo/server/plugin/drainHttpServer');
const responseCachePlugin = require('@apollo/server-plugin-response-cache').default;
const { KeyvAdapter } = require('@apollo/utils.keyvadapter');
const { makeExecutableSchema } = require('@graphql-tools/schema');
const { unwrapResolverError } = require('@apollo/server/errors');

const typeDefs = require('./schema');
const { auditDirectiveTransformer } = require('./directives/audit');
const patientResolvers = require('./resolvers/patients');
const orderResolvers = require('./resolvers/orders');
const visitResolvers = require('./resolvers/visits');
const PharmacyAPI = require('./datasources/pharmacy');
const { userFromRequest, courierWebhookClaims } = require('./auth');
const { pool } = require('./db');
const logger = require('./lib/logger')('server');

const resolvers = [patientResolvers, orderResolvers, visitResolvers];
const schema = auditDirectiveTransformer(makeExecutableSchema({ typeDefs, resolvers }));

const errorLogger = {
  async requestDidStart() {
    return {
      async didEncounterErrors(requestContext) {
        logger.error('graphql errors', { // LEAK(logging): operation variables (patient input) logged on every error
          operation: requestContext.operationName,
          variables: requestContext.request.variables,
          errors: requestContext.errors.map((e) => e.message),
        });
      },
    };
  },
};

async function main() {
  const app = express();
  const httpServer = http.createServer(app);

  const server = new ApolloServer({
    schema,
    introspection: false,
    includeStacktraceInErrorResponses: false, // SAFE(exposure): no stack traces in client errors
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      responseCachePlugin({ sessionId: (ctx) => ctx.request.http.headers.get('authorization') || null }),
      errorLogger,
    ],
    cache: new KeyvAdapter(new Keyv(process.env.REDIS_URL, { namespace: 'apollo' })), // LEAK(storage): cached Patient responses (5 min) stored in redis in the clear
    formatError: (formatted, error) => {
      const original = unwrapResolverError(error);
      if (original && original.code === '23505') {
        return { message: `duplicate: ${original.detail}`, extensions: { code: 'CONFLICT' } }; // LEAK(exposure): Postgres unique-violation detail (MRN/member id) returned to client
      }
      if (original && typeof original.code === 'string' && original.code.startsWith('23')) {
        return { message: 'constraint violated', extensions: { code: 'BAD_USER_INPUT' } }; // SAFE(exposure): generic constraint message
      }
      return formatted;
    },
  });
  await server.start();

  app.use(
    '/graphql',
    cors({ origin: ['https://infusion.example-pharmacy.com'] }),
    express.json({ limit: '5mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => ({
        user: userFromRequest(req),
        dataSources: { pharmacy: new PharmacyAPI({ cache: server.cache }) },
      }),
    }),
  );

  app.post('/hooks/onfleet', express.json(), async (req, res) => { // LEAK(audit): courier webhook marks deliveries (patient address, drug) without an audit row
    const claims = courierWebhookClaims(req.get('x-onfleet-token'));
    const body = req.body;
    logger.info(`onfleet webhook ${claims && claims.taskId}: ${JSON.stringify(body)}`); // LEAK(logging): delivery payload (recipient name, address, notes) logged
    await pool.query('UPDATE deliveries SET status = $2, completed_at = now() WHERE onfleet_task_id = $1', [body.taskId, body.data && body.data.task && body.data.task.state]);
    res.sendStatus(204);
  });

  app.get('/healthz', (_req, res) => res.json({ ok: true }));

  await new Promise((resolve) => httpServer.listen({ port: Number(process.env.PORT) || 4000 }, resolve));
  logger.info(`infusion-graph listening on ${process.env.PORT || 4000}`);
}

main().catch((err) => {
  logger.fatal(err.stack);
  process.exit(1);
});
