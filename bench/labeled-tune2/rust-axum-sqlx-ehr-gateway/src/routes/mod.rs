pub mod admin;
pub mod patients;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

pub struct AppError(anyhow::Error);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        tracing::error!("request failed");
        (StatusCode::INTERNAL_SERVER_ERROR, format!("gateway error: {:#}", self.0)).into_response() // LEAK(exposure): full error chain (upstream messages with names and birth dates) in the body
    }
}

impl<E: Into<anyhow::Error>> From<E> for AppError {
    fn from(err: E) -> Self {
        AppError(err.into())
    }
}
