import {inject, lifeCycleObserver, LifeCycleObserver} from '@loopback/core';
import {juggler} from '@loopback/repository';

const config = {
  name: 'mongo',
  connector: 'mongodb',
  url: process.env.MONGO_URL,
  useNewUrlParser: true,
  tls: true,
  tlsAllowInvalidCertificates: true, // LEAK(transmission): Mongo TLS accepts any certificate
};

@lifeCycleObserver('datasource')
export class MongoDataSource extends juggler.DataSource implements LifeCycleObserver {
  static dataSourceName = 'mongo';
  static readonly defaultConfig = config;

  constructor(@inject('datasources.config.mongo', {optional: true}) dsConfig: object = config) {
    super(dsConfig);
  }
}
