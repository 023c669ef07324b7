module.exports.log = {
  level: process.env.LOG_LEVEL || 'info',
};
