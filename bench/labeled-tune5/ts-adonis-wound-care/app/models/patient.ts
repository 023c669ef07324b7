import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import encryption from '@adonisjs/core/services/encryption'
import Wound from '#models/wound'

const sealed = {
  prepare: (value: string | null) => (value == null ? null : encryption.encrypt(value)),
  consume: (value: string | null) => (value == null ? null : encryption.decrypt<string>(value)),
}

export default class Patient extends BaseModel {
  @column({ isPrimary: true }) declare id: number
  @column() declare mrn: string
  @column() declare firstName: string
  @column() declare lastName: string
  @column.date() declare dob: DateTime
  @column(sealed) declare ssn: string | null // SAFE(storage): encrypted with the app key via prepare/consume
  @column(sealed) declare phone: string | null
  @column() declare email: string | null
  @column(sealed) declare address: string | null
  @column() declare comorbidities: string | null // LEAK(storage): diabetes/PAD comorbidity list in a plaintext column while SSN and address are sealed
  @column() declare payer: string | null
  @column() declare referringPhysician: string | null
  @column() declare status: 'active' | 'healed' | 'discharged'

  @hasMany(() => Wound) declare wounds: HasMany<typeof Wound>

  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true }) declare updatedAt: DateTime
}
