import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Patient from '#models/patient'
import WoundAssessment from '#models/wound_assessment'

export default class Wound extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare patientId: number
  @column() declare location: string
  @column() declare etiology: 'diabetic_foot' | 'venous' | 'pressure' | 'arterial' | 'surgical'
  @column.date() declare onsetDate: DateTime
  @column() declare status: 'open' | 'healed'

  @belongsTo(() => Patient) declare patient: BelongsTo<typeof Patient>
  @hasMany(() => WoundAssessment) declare assessments: HasMany<typeof WoundAssessment>
}
