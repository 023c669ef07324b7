'use strict';

const BaseModel = require('./BaseModel');

class Patient extends BaseModel {
  static get tableName() {
    return 'patients';
  }

  static get sealedColumns() {
    return ['mrn', 'name', 'dob'];
  }

  static get jsonSchema() {
    return {
      type: 'object',
      required: ['mrn', 'name', 'dob'],
      properties: {
        id: { type: 'integer' },
        mrn: { type: 'string' },
        name: { type: 'string' },
        dob: { type: 'string' },
        abo: { type: ['string', 'null'] },
        rh: { type: ['string', 'null'] },
        antibodies: { type: ['string', 'null'] }, // LEAK(storage): antibody history (anti-K, anti-E ...) stored plaintext while mrn/name/dob are sealed
        specialNeeds: { type: ['string', 'null'] },
      },
    };
  }

  static get relationMappings() {
    return {
      crossmatches: { relation: BaseModel.HasManyRelation, modelClass: Crossmatch, join: { from: 'patients.id', to: 'crossmatches.patient_id' } },
    };
  }
}

class Crossmatch extends BaseModel {
  static get tableName() {
    return 'crossmatches';
  }

  static get relationMappings() {
    return {
      patient: { relation: BaseModel.BelongsToOneRelation, modelClass: Patient, join: { from: 'crossmatches.patient_id', to: 'patients.id' } },
    };
  }
}

class Issue extends BaseModel {
  static get tableName() {
    return 'issues';
  }
}

class Reaction extends BaseModel {
  static get tableName() {
    return 'reactions';
  }

  static get sealedColumns() {
    return ['narrative']; // SAFE(storage): reaction narrative sealed
  }
}

class AuditEntry extends BaseModel {
  static get tableName() {
    return 'audit_entries';
  }
}

module.exports = { Patient, Crossmatch, Issue, Reaction, AuditEntry };
