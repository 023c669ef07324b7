//! Registry meta-tests.
