import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PatientsController = () => import('#controllers/patients_controller')
const AssessmentsController = () => import('#controllers/assessments_controller')
const PhotosController = () => import('#controllers/photos_controller')
const ReferralsController = () => import('#controllers/referrals_controller')

router.get('/healthz', async () => ({ ok: true })) // SAFE(audit): liveness probe, no patient data

// Clinician API: every route in this group is authenticated and audited.
router
  .group(() => {
    router.get('/patients/:id', [PatientsController, 'show'])
    router.post('/patients', [PatientsController, 'store'])
    router.post('/patients/:id/discharge', [PatientsController, 'discharge'])
    router.get('/wounds/:woundId/assessments', [AssessmentsController, 'index'])
    router.post('/wounds/:woundId/assessments', [AssessmentsController, 'store'])
    router.post('/wounds/:woundId/photos', [PhotosController, 'upload'])
    router.post('/wounds/:woundId/narrative', [AssessmentsController, 'narrative'])
  })
  .prefix('/api')
  .use([middleware.auth(), middleware.audit()])

// Routes outside the audited group.
router.get('/api/photos/:photoId/thumbnail', [PhotosController, 'thumbnail']).use(middleware.auth())
router.post('/api/referrals/:id/accept', [ReferralsController, 'accept']).use(middleware.auth())
router.post('/hooks/referrals', [ReferralsController, 'inbound'])
