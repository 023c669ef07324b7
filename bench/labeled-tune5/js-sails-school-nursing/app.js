/**
 * app.js
 *
 * Use `node app.js` to run the district health office app in production.
 */
process.chdir(__dirname);

const sails = require('sails');
const rc = require('sails/accessible/rc');

sails.lift(rc('sails'));
