import { describe, expect, it } from 'vitest';

const fakeHeader = { PatientID: 'TEST0001', PatientName: 'DOE^JANE', PatientBirthDate: '19700101', Modality: 'IO' }; // SAFE(hardcoded): synthetic DICOM header for tests

describe('dicom header', () => {
  it('uses DICOM name format', () => {
    expect(fakeHeader.PatientName.split('^')).toEqual(['DOE', 'JANE']);
  });
});
