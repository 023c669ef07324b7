import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

const driveConfig = defineConfig({
  default: 's3',
  services: {
    s3: services.s3({
      credentials: { accessKeyId: env.get('AWS_ACCESS_KEY_ID'), secretAccessKey: env.get('AWS_SECRET_ACCESS_KEY') },
      region: env.get('AWS_REGION'),
      bucket: env.get('S3_BUCKET'),
      visibility: 'private',
    }),
    thumbs: services.fs({
      location: app.makePath('public/thumbs'),
      serveFiles: true,
      routeBasePath: '/thumbs',
      visibility: 'public',
    }),
  },
})

export default driveConfig
