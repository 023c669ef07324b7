import vine from '@vinejs/vine'

export const createPatientValidator = vine.compile(
  vine.object({
    mrn: vine.string().trim().regex(/^WC\d{7}$/),
    firstName: vine.string().trim(),
    lastName: vine.string().trim(),
    dob: vine.date({ formats: ['YYYY-MM-DD'] }),
    ssn: vine.string().regex(/^\d{3}-\d{2}-\d{4}$/).optional(),
    phone: vine.string().mobile().optional(),
    email: vine.string().email().optional(),
    address: vine.string().optional(),
    comorbidities: vine.string().optional(),
    payer: vine.string().optional(),
    referringPhysician: vine.string().optional(),
  })
)

export const assessmentValidator = vine.compile(
  vine.object({
    lengthCm: vine.number().positive(),
    widthCm: vine.number().positive(),
    depthCm: vine.number().min(0),
    tissueType: vine.string(),
    exudate: vine.enum(['none', 'scant', 'moderate', 'heavy']),
    infectionSigns: vine.boolean(),
    notes: vine.string().optional(),
  })
)
