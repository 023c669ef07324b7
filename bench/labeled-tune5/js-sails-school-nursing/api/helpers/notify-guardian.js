const sgMail = require('@sendgrid/mail');
const twilio = require('twilio');
const { TranslationServiceClient } = require('@google-cloud/translate').v3;

const sms = twilio(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);
const translator = new TranslationServiceClient();
sgMail.setApiKey(process.env.SENDGRID_API_KEY);

async function localize(text, lang) {
  if (!lang || lang === 'en') return text;
  const [resp] = await translator.translateText({ // LEAK(exposure): visit details sent to Google Translate
    parent: `projects/${process.env.GCP_PROJECT}/locations/global`,
    contents: [text],
    mimeType: 'text/plain',
    targetLanguageCode: lang,
  });
  return resp.translations[0].translatedText;
}

module.exports = {
  friendlyName: 'Notify guardian',
  description: 'Tell a guardian their student was seen in the health office.',
  inputs: {
    student: { type: 'ref', required: true },
    visit: { type: 'ref', required: true },
    urgent: { type: 'boolean', defaultsTo: false },
  },
  fn: async function ({ student, visit, urgent }) {
    const body =
      `${student.firstName} ${student.lastName} was seen by the school nurse for ${visit.chiefComplaint}. ` +
      `Assessment: ${visit.assessment || 'n/a'}. Disposition: ${visit.disposition.replace(/_/g, ' ')}.`;
    const text = await localize(body, student.preferredLanguage);

    if (urgent && student.guardianPhone) {
      await sms.messages.create({ from: sails.config.custom.twilioFrom, to: student.guardianPhone, body: text }); // LEAK(exposure): complaint and assessment in an SMS body
    }
    if (student.guardianEmail) {
      await sgMail.send({
        to: student.guardianEmail,
        from: sails.config.custom.sendgridFrom,
        subject: 'Health office visit',
        text: 'Your student visited the health office today. Sign in to the parent portal to read the nurse\'s note.', // SAFE(exposure): email only points to the portal
      });
    }
  },
};
