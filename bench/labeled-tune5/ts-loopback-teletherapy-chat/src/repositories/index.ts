import {inject} from '@loopback/core';
import {DefaultCrudRepository, DefaultKeyValueRepository} from '@loopback/repository';
import {KvDataSource} from '../datasources/kv.datasource';
import {MongoDataSource} from '../datasources/mongo.datasource';
import {AuditEvent, CachedThread, Message, SessionNote, TherapyClient} from '../models';

export class TherapyClientRepository extends DefaultCrudRepository<TherapyClient, typeof TherapyClient.prototype.id> {
  constructor(@inject('datasources.mongo') ds: MongoDataSource) {
    super(TherapyClient, ds);
  }
}

export class SessionNoteRepository extends DefaultCrudRepository<SessionNote, typeof SessionNote.prototype.id> {
  constructor(@inject('datasources.mongo') ds: MongoDataSource) {
    super(SessionNote, ds);
  }
}

export class MessageRepository extends DefaultCrudRepository<Message, typeof Message.prototype.id> {
  constructor(@inject('datasources.mongo') ds: MongoDataSource) {
    super(Message, ds);
  }
}

export class AuditEventRepository extends DefaultCrudRepository<AuditEvent, typeof AuditEvent.prototype.id> {
  constructor(@inject('datasources.mongo') ds: MongoDataSource) {
    super(AuditEvent, ds);
  }
}

export class ThreadCacheRepository extends DefaultKeyValueRepository<CachedThread> {
  constructor(@inject('datasources.kv') ds: KvDataSource) {
    super(CachedThread, ds);
  }
}
