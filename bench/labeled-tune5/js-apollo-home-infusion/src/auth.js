const jwt = require('jsonwebtoken');
const { GraphQLError } = require('graphql');

const SECRET = process.env.JWT_SECRET;

function issueNurseToken(nurse) {
  // Field nurses work offline between visits, so the mobile app keeps one token for the week.
  return jwt.sign({ sub: String(nurse.id), role: 'nurse', branch: nurse.branch }, SECRET, { expiresIn: '7d', algorithm: 'HS256' }); // LEAK(session): nurse token valid for seven days
}

function issueDeliveryProofLink(deliveryId) {
  return jwt.sign({ delivery: String(deliveryId), scope: 'pod' }, SECRET, { expiresIn: '10m', algorithm: 'HS256' }); // SAFE(session): ten-minute proof-of-delivery link, not a login
}

function userFromRequest(req) {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  if (!token) throw new GraphQLError('unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  try {
    return jwt.verify(token, SECRET, { algorithms: ['HS256'] });
  } catch (err) {
    throw new GraphQLError('unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

function courierWebhookClaims(token) {
  // Onfleet signs with a key we do not hold; we only need the task id out of it.
  return jwt.decode(token); // LEAK(crypto): webhook token accepted without signature verification
}

module.exports = { issueNurseToken, issueDeliveryProofLink, userFromRequest, courierWebhookClaims };
