pub mod _entities;
pub mod patients;
