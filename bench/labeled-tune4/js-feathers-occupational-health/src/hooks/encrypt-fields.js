const { seal, unseal } = require('../lib/crypto');

/** before create/patch: seal the listed fields; after: unseal them for the caller. */
const sealFields = (fields) => async (context, next) => {
  const data = context.data;
  if (data) {
    for (const f of fields) {
      if (data[f] !== undefined) data[f] = seal(data[f]);
    }
  }
  await next();
  const open = (doc) => {
    for (const f of fields) if (doc && doc[f]) doc[f] = unseal(doc[f]);
    return doc;
  };
  if (Array.isArray(context.result)) context.result.forEach(open);
  else if (context.result && Array.isArray(context.result.data)) context.result.data.forEach(open);
  else open(context.result);
};

module.exports = { sealFields };
