//! The patient agent: question understanding, the responders and the
//! verify-and-regenerate loop.

pub mod intent;
