import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'

const mailConfig = defineConfig({
  default: 'smtp',
  from: { address: 'no-reply@woundcare.example.com', name: 'Wound Care Center' },
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST'),
      port: env.get('SMTP_PORT'),
      secure: false,
      ignoreTLS: true, // LEAK(transmission): STARTTLS disabled for patient mail
      auth: { type: 'login', user: env.get('SMTP_USERNAME'), pass: env.get('SMTP_PASSWORD') },
    }),
  },
})

export default mailConfig
