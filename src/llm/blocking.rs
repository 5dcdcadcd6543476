//! The client for synchronous callers (the patient agent runs on a plain
//! thread): it owns a current-thread tokio runtime and blocks on each call.

use super::cancel::Cancel;
use super::client::Client;
use super::error::LlmError;
use super::message::{Completion, Request};
use super::settings::Settings;
use std::fmt;
use std::future::Future;

pub struct Blocking {
    client: Client,
    runtime: tokio::runtime::Runtime,
}

impl fmt::Debug for Blocking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Blocking")
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

impl Blocking {
    pub fn new(settings: Settings) -> Result<Blocking, LlmError> {
        let client = Client::new(settings)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|err| LlmError::Connect {
                url: crate::llm::error::shown(&client.endpoint),
                detail: format!("cannot start the I/O runtime ({err})"),
            })?;
        Ok(Blocking { client, runtime })
    }

    pub fn settings(&self) -> &Settings {
        self.client.settings()
    }

    pub fn complete(&self, req: &Request, cancel: &Cancel) -> Result<Completion, LlmError> {
        self.run(self.client.complete(req, cancel))
    }

    pub fn stream(
        &self,
        req: &Request,
        cancel: &Cancel,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Completion, LlmError> {
        self.run(self.client.stream(req, cancel, on_text))
    }

    /// Blocks on `call`. Inside an async runtime `block_on` would panic, so
    /// there the call runs on a short-lived thread of its own instead.
    fn run<T: Send>(&self, call: impl Future<Output = T> + Send) -> T {
        if tokio::runtime::Handle::try_current().is_err() {
            return self.runtime.block_on(call);
        }
        std::thread::scope(
            |scope| match scope.spawn(|| self.runtime.block_on(call)).join() {
                Ok(out) => out,
                Err(panic) => std::panic::resume_unwind(panic),
            },
        )
    }
}
