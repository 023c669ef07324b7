use actix_web::{http::StatusCode, HttpResponse, ResponseError};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("no prior study on file for {name} (MRN {mrn})")] // LEAK(logging): patient name and MRN baked into the error text that actix logs
    NoPrior { name: String, mrn: String },
    #[error("database error")]
    Db(#[from] diesel::result::Error),
    #[error("pool error")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("upstream error: {0}")]
    Upstream(#[from] reqwest::Error),
    #[error("unauthorized")]
    Unauthorized,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::NotFound | ApiError::NoPrior { .. } => StatusCode::NOT_FOUND,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Db(_) | ApiError::Pool(_) => HttpResponse::InternalServerError().json(json!({ "error": "internal error" })), // SAFE(exposure): generic body for database failures
            other => HttpResponse::build(self.status_code()).json(json!({ "error": other.to_string() })), // LEAK(exposure): NoPrior's name and MRN returned in the response body
        }
    }
}
