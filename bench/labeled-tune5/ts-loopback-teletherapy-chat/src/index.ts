import {Server as IoServer} from 'socket.io';
import {ApplicationConfig} from '@loopback/core';
import {MindlineApplication} from './application';
import {verifyChatToken} from './services/tokens';

export * from './application';

export async function main(options: ApplicationConfig = {}) {
  const app = new MindlineApplication(options);
  await app.boot();
  await app.start();

  const io = new IoServer(app.restServer.httpServer!.server, {cors: {origin: ['https://chat.mindline.example.com']}});
  io.use((socket, next) => {
    try {
      socket.data.claims = verifyChatToken(String(socket.handshake.auth.token));
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });
  io.on('connection', (socket) => {
    socket.join(socket.data.claims.room);
    socket.on('typing', () => socket.to(socket.data.claims.room).emit('typing', {role: socket.data.claims.role}));
  });

  console.log(`mindline-chat-api listening at ${app.restServer.url}`);
  return app;
}

if (require.main === module) {
  main({rest: {port: +(process.env.PORT ?? 3000), host: '0.0.0.0'}}).catch((err) => {
    console.error('cannot start', err.message);
    process.exit(1);
  });
}
