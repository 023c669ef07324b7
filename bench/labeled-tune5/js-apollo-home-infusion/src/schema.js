const gql = require('graphql-tag');

module.exports = gql`
  directive @audit(action: String!) on FIELD_DEFINITION
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

  type Patient @cacheControl(maxAge: 300) {
    id: ID!
    mrn: String!
    firstName: String!
    lastName: String!
    dob: String!
    phone: String
    address: String
    payer: String
    memberId: String
    branch: String!
    orders: [TherapyOrder!]!
  }

  type TherapyOrder {
    id: ID!
    therapy: String!
    drug: String!
    dose: String!
    frequency: String!
    accessDevice: String
    diagnosisIcd10: String!
    startDate: String!
  }

  type NursingVisit {
    id: ID!
    visitDate: String!
    siteAssessment: String
    vitals: String
    notes: String
    lineCare: String
  }

  type DeliveryWindow {
    branch: String!
    date: String!
    slots: Int!
  }

  input NewPatient {
    mrn: String!
    firstName: String!
    lastName: String!
    dob: String!
    ssn: String
    phone: String
    address: String!
    payer: String!
    memberId: String!
    branch: String!
  }

  input NewOrder {
    therapy: String!
    drug: String!
    dose: String!
    frequency: String!
    accessDevice: String
    diagnosisIcd10: String!
    startDate: String!
  }

  input VisitInput {
    visitDate: String!
    siteAssessment: String
    vitals: String
    notes: String
  }

  type Query {
    patient(id: ID!): Patient @audit(action: "patient.read")
    patients(lastName: String!, branch: String!): [Patient!]! @audit(action: "patient.search")
    patientTimeline(patientId: ID!): [NursingVisit!]!
    visitSummary(patientId: ID!): String @audit(action: "visit.summary")
    deliveryWindows(branch: String!): [DeliveryWindow!]!
  }

  type Mutation {
    createPatient(input: NewPatient!): ID! @audit(action: "patient.create")
    createOrder(patientId: ID!, input: NewOrder!): TherapyOrder! @audit(action: "order.create")
    recordVisit(patientId: ID!, input: VisitInput!): ID! @audit(action: "visit.create")
    updateLineCare(visitId: ID!, lineCare: String!): Boolean!
    uploadConsent(patientId: ID!, pdfBase64: String!): String! @audit(action: "consent.upload")
  }
`;
