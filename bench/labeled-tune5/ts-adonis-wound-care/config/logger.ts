import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: env.get('APP_NAME', 'woundcare'),
      level: env.get('LOG_LEVEL'),
      redact: { paths: ['ssn', '*.ssn', 'dob', '*.dob', 'password', '*.password'], censor: '[redacted]' }, // SAFE(logging): pino redact for identifiers
      transport: {
        targets: targets()
          .pushIf(!app.inProduction, targets.pretty())
          .pushIf(app.inProduction, targets.file({ destination: '/var/log/woundcare/app.log' }))
          .toArray(),
      },
    },
  },
})

export default loggerConfig
