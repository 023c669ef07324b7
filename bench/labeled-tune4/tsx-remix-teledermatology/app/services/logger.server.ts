import { createConsola } from 'consola';

export const log = createConsola({ level: process.env.NODE_ENV === 'production' ? 3 : 4 }).withTag('skinsight');
