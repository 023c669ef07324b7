'use strict';

const { Model } = require('objection');
const { seal, unseal } = require('../crypto');

/** Subclasses list `sealedColumns`; those are AES-GCM sealed on the way into Postgres. */
class BaseModel extends Model {
  static get sealedColumns() {
    return [];
  }

  $formatDatabaseJson(json) {
    const out = super.$formatDatabaseJson(json);
    for (const col of this.constructor.sealedColumns) {
      if (out[col] != null) out[col] = seal(out[col]); // SAFE(storage): sealed columns encrypted before insert/update
    }
    return out;
  }

  $parseDatabaseJson(json) {
    const out = super.$parseDatabaseJson(json);
    for (const col of this.constructor.sealedColumns) {
      if (out[col] != null) out[col] = unseal(out[col]);
    }
    return out;
  }
}

module.exports = BaseModel;
