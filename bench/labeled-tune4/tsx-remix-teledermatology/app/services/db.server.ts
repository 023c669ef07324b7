import { MikroORM } from '@mikro-orm/postgresql';
import config from '../mikro-orm.config';

let orm: Promise<MikroORM> | undefined;

export async function em() {
  orm ??= MikroORM.init(config);
  return (await orm).em.fork();
}
