const { DataTypes, Model } = require('sequelize');
const sequelize = require('../db');
const Patient = require('./patient');

class VariantResult extends Model {}

VariantResult.init(
  {
    id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
    patientId: { type: DataTypes.UUID, allowNull: false },
    orderId: { type: DataTypes.STRING(24), allowNull: false },
    panel: { type: DataTypes.STRING(64) },
    gene: { type: DataTypes.STRING(16) },
    hgvs: { type: DataTypes.STRING(128) },
    classification: { type: DataTypes.ENUM('pathogenic', 'likely_pathogenic', 'vus', 'likely_benign', 'benign') },
    signedOutBy: { type: DataTypes.STRING(64) },
    signedOutAt: { type: DataTypes.DATE }
  },
  { sequelize, modelName: 'VariantResult', tableName: 'variant_results' }
);

VariantResult.belongsTo(Patient, { foreignKey: 'patientId' });

module.exports = VariantResult;
