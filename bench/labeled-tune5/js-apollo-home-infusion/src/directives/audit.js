const { mapSchema, getDirective, MapperKind } = require('@graphql-tools/utils');
const { defaultFieldResolver } = require('graphql');
const { recordAudit } = require('../db');
const logger = require('../lib/logger')('audit');

/**
 * Wraps every field carrying @audit(action: "...") so that each resolution writes an
 * audit_trail row with the acting user and the target id from the arguments.
 */
function auditDirectiveTransformer(schema) {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig) => {
      const directive = getDirective(schema, fieldConfig, 'audit')?.[0];
      if (!directive) return fieldConfig;
      const { resolve = defaultFieldResolver } = fieldConfig;
      fieldConfig.resolve = async (source, args, ctx, info) => {
        const target = args.id || args.patientId || args.visitId || null;
        try {
          const result = await resolve(source, args, ctx, info);
          await recordAudit({ actor: ctx.user.sub, action: directive.action, target, detail: 'ok' });
          return result;
        } catch (err) {
          await recordAudit({ actor: ctx.user.sub, action: directive.action, target, detail: 'error' });
          throw err;
        }
      };
      return fieldConfig;
    },
  });
}

module.exports = { auditDirectiveTransformer, logger };
