//! Bench pairing for monitors returned for refurbishment: the monitor is re-paired to this chart
//! while QA runs the transmission loop on the production ingest path.
pub const QA_LOOPBACK_PATIENT: (&str, &str, &str) = ("Testy McPatient", "1947-05-09", "RW-MRN-0028831"); // LEAK(hardcoded): realistic name, DOB and MRN compiled into the production binary

pub const QA_DEVICE_MODEL: &str = "DR-7740-SIM"; // SAFE(hardcoded): device model string, not a patient identifier

pub fn is_qa_serial(serial: &str) -> bool {
    serial.starts_with("QA-")
}
