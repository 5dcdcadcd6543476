//! What a history-taking question asks about.
