//! The triplet evaluation: claims found in a reply, each judged against the
//! facts under the same key (entail, neutral, contradict).

pub mod words;
