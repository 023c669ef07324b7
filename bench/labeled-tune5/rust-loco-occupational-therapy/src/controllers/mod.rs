pub mod evaluations;
pub mod patients;
pub mod reports;
