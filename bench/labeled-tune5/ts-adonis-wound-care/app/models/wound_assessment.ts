import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Wound from '#models/wound'

export default class WoundAssessment extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare woundId: number
  @column() declare clinicianId: number
  @column() declare lengthCm: number
  @column() declare widthCm: number
  @column() declare depthCm: number
  @column() declare tissueType: string
  @column() declare exudate: string
  @column() declare infectionSigns: boolean
  @column() declare notes: string | null
  @column() declare photoKey: string | null
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime

  @belongsTo(() => Wound) declare wound: BelongsTo<typeof Wound>
}
