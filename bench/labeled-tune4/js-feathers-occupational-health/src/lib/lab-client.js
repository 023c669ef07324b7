const crypto = require('node:crypto');
const soap = require('soap');
const ftp = require('basic-ftp');
const { logger } = require('../logger');

let clientPromise;

function labClient(app) {
  clientPromise ??= soap.createClientAsync(app.get('labs').dotLabWsdl);
  return clientPromise;
}

/** Pulls the lab's result for a chain-of-custody form (CCF) number. */
async function fetchResult(app, ccfNumber) {
  const client = await labClient(app);
  const [res] = await client.GetResultAsync({ ccf: ccfNumber, account: process.env.LAB_ACCOUNT });
  logger.debug('lab result %s: %O', ccfNumber, res); // LEAK(logging): raw lab result (donor name, SSN, analytes) at debug level
  return res;
}

async function uploadCcfBatch(app, localPath, remoteName) {
  const c = new ftp.Client();
  await c.access({ host: app.get('labs').ftpHost, user: process.env.LAB_FTP_USER, password: process.env.LAB_FTP_PASS, secure: app.get('labs').ftpSecure });
  await c.uploadFrom(localPath, remoteName);
  c.close();
}

/** The lab keys donors by a hash of the SSN so MROs can pull prior results. */
function donorRef(ssn) {
  return crypto.createHash('sha1').update(ssn.replace(/-/g, '')).digest('hex'); // LEAK(crypto): unkeyed SHA-1 of the donor SSN
}

module.exports = { fetchResult, uploadCcfBatch, donorRef };
