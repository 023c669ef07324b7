pub use super::evaluations::Entity as Evaluations;
pub use super::patients::Entity as Patients;
