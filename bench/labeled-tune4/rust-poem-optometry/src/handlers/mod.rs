pub mod admin;
pub mod exams;
pub mod hooks;
pub mod imaging;
pub mod orders;
pub mod patients;
pub mod portal;
