import bunyan from 'bunyan';

export const log = bunyan.createLogger({
  name: 'smilecare-imaging',
  serializers: bunyan.stdSerializers,
  streams: [
    { level: 'info', stream: process.stdout },
    { level: 'debug', path: '/var/log/smilecare/imaging-debug.log' },
  ],
});
