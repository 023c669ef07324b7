pub mod audit_event;
pub mod exam;
pub mod patient;
