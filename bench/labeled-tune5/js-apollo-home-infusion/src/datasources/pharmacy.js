const { RESTDataSource } = require('@apollo/datasource-rest');

class PharmacyAPI extends RESTDataSource {
  constructor(options) {
    super(options);
    this.baseURL = process.env.PHARMACY_API_URL;
  }

  async submitOrder(patient, order) {
    return this.post('orders', {
      body: {
        mrn: patient.mrn,
        patientName: `${patient.lastName}, ${patient.firstName}`,
        dob: patient.dob,
        drug: order.drug,
        dose: order.dose,
        frequency: order.frequency,
        startDate: order.startDate,
      },
    });
  }

  async compoundingStatus(orderId) {
    return this.get(`orders/${encodeURIComponent(orderId)}/status`);
  }
}

module.exports = PharmacyAPI;
