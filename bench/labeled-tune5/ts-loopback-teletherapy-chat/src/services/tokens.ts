import jwt from 'jsonwebtoken';

const SECRET = process.env.JWT_SECRET ?? 'mindline-chat-signing-secret-2023'; // LEAK(crypto): hard-coded JWT signing secret fallback

/** Token for the client (patient) web chat. Clients complained about being logged out mid-thought. */
export function issueClientChatToken(clientId: string, roomId: string): string {
  return jwt.sign({sub: clientId, room: roomId, role: 'client'}, SECRET, {algorithm: 'HS256'}); // LEAK(session): client chat token has no expiry
}

export function issueVideoJoinToken(roomId: string, participant: string): string {
  return jwt.sign({room: roomId, p: participant, scope: 'video:join'}, SECRET, {algorithm: 'HS256', expiresIn: '5m'}); // SAFE(session): five-minute room join token
}

export function verifyChatToken(token: string): {sub: string; room: string; role: string} {
  return jwt.verify(token, SECRET, {algorithms: ['HS256']}) as {sub: string; room: string; role: string};
}
