import {inject, lifeCycleObserver, LifeCycleObserver} from '@loopback/core';
import {juggler} from '@loopback/repository';

const config = {
  name: 'kv',
  connector: 'kv-redis',
  host: process.env.REDIS_HOST,
  port: 6380,
  tls: {servername: process.env.REDIS_HOST}, // SAFE(transmission): TLS to the key-value store
  db: 0,
};

@lifeCycleObserver('datasource')
export class KvDataSource extends juggler.DataSource implements LifeCycleObserver {
  static dataSourceName = 'kv';
  static readonly defaultConfig = config;

  constructor(@inject('datasources.config.kv', {optional: true}) dsConfig: object = config) {
    super(dsConfig);
  }
}
