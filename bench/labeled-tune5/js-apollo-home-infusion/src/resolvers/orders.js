const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { orders, patients, recordAudit } = require('../db');
const logger = require('../lib/logger')('orders');

const s3 = new S3Client({ region: process.env.AWS_REGION || 'us-east-1' });

// IVIG lot-allocation exception approved by the payer for one patient (ticket PHARM-1182).
const IVIG_ALLOCATION_EXCEPTION_MEMBER = 'XQH004188271'; // LEAK(hardcoded): a patient's member id hard-coded in business logic

// Immune globulin products subject to the allocation program.
const IVIG_NDCS = ['0944-2850-03', '0944-2850-04']; // SAFE(hardcoded): product NDCs, not patient identifiers

module.exports = {
  Query: {
    deliveryWindows: async (_, { branch }, ctx) => { // SAFE(audit): branch capacity only, no patient data
      return [{ branch, date: new Date().toISOString().slice(0, 10), slots: 12 }];
    },
  },

  Mutation: {
    createOrder: async (_, { patientId, input }, ctx) => {
      const patient = await patients.byId(patientId);
      if (IVIG_NDCS.includes(input.drug) && patient.member_id !== IVIG_ALLOCATION_EXCEPTION_MEMBER) {
        logger.warn(`IVIG allocation check for order on patient ${patientId}`);
      }
      const order = await orders.create(patientId, input, ctx.user.npi);
      await ctx.dataSources.pharmacy.submitOrder({ mrn: patient.mrn, firstName: patient.first_name, lastName: patient.last_name, dob: patient.dob }, order);
      logger.info('therapy order created', { orderId: order.id, patientId }); // SAFE(logging): surrogate ids only
      return order;
    },

    uploadConsent: async (_, { patientId, pdfBase64 }) => {
      const key = `consents/${patientId}/${Date.now()}.pdf`;
      await s3.send(new PutObjectCommand({ Bucket: process.env.CONSENT_BUCKET, Key: key, Body: Buffer.from(pdfBase64, 'base64'), ContentType: 'application/pdf', ServerSideEncryption: 'aws:kms' })); // SAFE(storage): SSE-KMS on signed consent

      // The intake tablet previews the consent with the patient header; it reads this sidecar.
      const header = await patients.byId(patientId);
      await s3.send(new PutObjectCommand({ Bucket: `${process.env.CONSENT_BUCKET}-preview`, Key: key.replace('.pdf', '.json'), Body: JSON.stringify(header) })); // LEAK(storage): patient record JSON in the preview bucket without SSE
      return key;
    },
  },
};
