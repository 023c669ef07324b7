import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export default class AuditEvent extends BaseModel {
  static table = 'audit_events'

  @column({ isPrimary: true }) declare id: number
  @column() declare actorId: number | null
  @column() declare route: string
  @column() declare targetId: string | null
  @column() declare outcome: string
  @column() declare ip: string
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime

  static async record(data: { actorId: number | null; route: string; targetId: string | null; outcome: string; ip: string }) {
    await this.create(data)
  }
}
