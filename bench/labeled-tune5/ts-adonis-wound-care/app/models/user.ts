import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { compose } from '@adonisjs/core/helpers'
import hash from '@adonisjs/core/services/hash'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), { uids: ['email'], passwordColumnName: 'password' })

export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true }) declare id: number
  @column() declare fullName: string
  @column() declare email: string
  @column({ serializeAs: null }) declare password: string
  @column() declare role: 'clinician' | 'scheduler' | 'admin'
  @column.dateTime({ autoCreate: true }) declare createdAt: DateTime

  static accessTokens = DbAccessTokensProvider.forModel(User, {
    expiresIn: '30 days', // LEAK(session): mobile clinician API tokens valid for 30 days
    prefix: 'wc_',
    table: 'auth_access_tokens',
  })
}
