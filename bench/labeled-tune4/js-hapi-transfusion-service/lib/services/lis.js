'use strict';

const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const interfaces = require('../../config/interfaces.json');

const VT = '\x0b';
const FS_CR = '\x1c\r';

function frame(hl7) {
  return `${VT}${hl7}${FS_CR}`;
}

function sendMllp(hl7) {
  return new Promise((resolve, reject) => {
    const cfg = interfaces.lis;
    const socket = cfg.useTls
      ? tls.connect({ host: interfaces.lisTls.host, port: interfaces.lisTls.port, ca: fs.readFileSync(interfaces.lisTls.ca) }) // SAFE(transmission): TLS MLLP with pinned CA
      : net.connect({ host: cfg.host, port: cfg.port }); // LEAK(transmission): plain TCP MLLP carrying PID/OBX segments
    socket.once('data', (ack) => {
      socket.end();
      resolve(ack.toString());
    });
    socket.once('error', reject);
    socket.write(frame(hl7));
  });
}

/** ORU^R01 with ABO/Rh and antibody screen back to the LIS. */
function buildTypeAndScreen(patient, result) {
  const ts = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return [
    `MSH|^~\\&|BBANK|MERCY|LIS|MERCY|${ts}||ORU^R01|${result.id}|P|2.5.1`,
    `PID|1||${patient.mrn}^^^MERCY^MR||${patient.name.replace(' ', '^')}||${patient.dob.replace(/-/g, '')}`,
    `OBX|1|CWE|882-1^ABO+Rh^LN||${result.abo}${result.rh === 'POS' ? '+' : '-'}||||||F`,
    `OBX|2|CWE|890-4^Antibody screen^LN||${result.screen}||||||F`,
  ].join('\r');
}

module.exports = { sendMllp, buildTypeAndScreen };
