const { DataTypes, Model } = require('sequelize');
const sequelize = require('../db');
const logger = require('../logger');
const { seal, unseal, ssnFingerprint } = require('../db/crypto');

class Patient extends Model {}

function sealedString(field) {
  return {
    type: DataTypes.TEXT,
    get() {
      return unseal(this.getDataValue(field));
    },
    set(value) {
      this.setDataValue(field, seal(value));
    }
  };
}

Patient.init(
  {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    fullName: sealedString('fullName'),
    dateOfBirth: sealedString('dateOfBirth'),
    ssn: sealedString('ssn'), // SAFE(storage): SSN sealed with AES-GCM by the model setter
    ssnFingerprint: { type: DataTypes.STRING(40) },
    email: sealedString('email'),
    sexAtBirth: { type: DataTypes.STRING(8) },
    ancestry: sealedString('ancestry'),
    familyHistory: { type: DataTypes.JSONB }, // LEAK(storage): family cancer history stored as plaintext JSONB beside sealed columns
    orderingClinicId: { type: DataTypes.UUID }
  },
  {
    sequelize,
    modelName: 'Patient',
    tableName: 'patients',
    hooks: {
      beforeCreate(instance) {
        instance.ssnFingerprint = ssnFingerprint(instance.ssn);
      },
      afterCreate(instance) {
        logger.info({ record: instance.get({ plain: true }) }, 'patient registered'); // LEAK(logging): decrypted getters put name, DOB and family history in the log (redact only covers ssn)
      }
    }
  }
);

module.exports = Patient;
