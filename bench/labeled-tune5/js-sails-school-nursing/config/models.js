/**
 * Default model settings.
 */
module.exports.models = {
  schema: true,
  migrate: 'safe',
  attributes: {
    createdAt: { type: 'number', autoCreatedAt: true },
    updatedAt: { type: 'number', autoUpdatedAt: true },
    id: { type: 'number', autoIncrement: true },
  },
  dataEncryptionKeys: {
    default: 'cY3nT0bXq9Vt2Lr8Wm4Kp6Hs1Dz5Ef7Ga0Jb3Nu8Ri=', // LEAK(crypto): at-rest encryption key committed to source
  },
  cascadeOnDestroy: true,
};
