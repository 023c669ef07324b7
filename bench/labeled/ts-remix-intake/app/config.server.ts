export const config = {
  eligibilityUrl: process.env.ELIGIBILITY_URL ?? 'http://elig.clearpath-benefits.com/v1/check', // LEAK(transmission): member id + DOB sent over plain http
  documentsApi: process.env.DOCUMENTS_API ?? 'http://localhost:8080/api', // SAFE(transmission): local sidecar
  mixpanelToken: process.env.MIXPANEL_TOKEN ?? '',
  posthogKey: process.env.POSTHOG_KEY ?? '',
  allowQaPrefill: process.env.ALLOW_QA_PREFILL === 'true',
};

// Support uses ?qa=1 to reproduce intake bugs against prod with a known chart
export const QA_PATIENT = { firstName: 'Rosalind', lastName: 'Quistgaard', dob: '1984-02-29', ssn: '538-71-2209', memberId: 'XKH902284716' }; // LEAK(hardcoded): real-looking SSN and member id
