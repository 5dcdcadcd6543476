//! The patient on its own thread: questions in, the agent's events out as
//! they happen, so typing stays responsive and the panels update live. A
//! turn can be cancelled while it runs (it stops before the memory changes)
//! or after (the worker rewinds the agent); either way the patient's memory
//! is as if the question had not been asked.

use crate::agent::{Agent, AgentEvent, Mark, Responder, TurnReport};
use crate::case::Case;
use crate::persona::Style;
use crate::verify::Judge;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// A turn's id, unique for the worker's life (turn numbers repeat after a cancel).
pub type JobId = u64;

pub enum Job {
    Ask {
        job: JobId,
        question: String,
        cancel: Arc<AtomicBool>,
    },
    /// Take back the turn of `job` if it finished before its cancel was seen.
    Cancel(JobId),
    Style(Style),
}

/// What the worker reports.
pub enum Report {
    Event(JobId, AgentEvent),
    Done(JobId, Box<TurnReport>),
    /// The turn was stopped or taken back; the memory is as before it.
    Cancelled(JobId),
    /// The turn could not be answered (the backend failed).
    Failed(JobId, String),
}

pub struct Worker {
    jobs: mpsc::Sender<Job>,
    /// The cancel switch of the turn in flight.
    current: Option<(JobId, Arc<AtomicBool>)>,
}

impl Worker {
    /// Starts the patient's thread; `out` takes each report and says whether
    /// anyone is still listening.
    pub fn spawn(
        case: Case,
        responder: Box<dyn Responder + Send>,
        judge: Option<Box<dyn Judge + Send>>,
        show_unsettled: bool,
        out: impl Fn(Report) -> bool + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let mut agent = Agent::new(case, responder);
        agent.judge = judge;
        agent.show_unsettled = show_unsettled;
        std::thread::Builder::new()
            .name("patient".into())
            .spawn(move || serve(agent, &job_rx, &out))?;
        Ok(Worker {
            jobs,
            current: None,
        })
    }

    /// Sends a question; `job` names its reports. False if the worker is gone.
    pub fn ask(&mut self, job: JobId, question: String) -> bool {
        let cancel = Arc::new(AtomicBool::new(false));
        self.current = Some((job, cancel.clone()));
        self.jobs
            .send(Job::Ask {
                job,
                question,
                cancel,
            })
            .is_ok()
    }

    pub fn cancel(&mut self, job: JobId) {
        if let Some((_, switch)) = self.current.as_ref().filter(|(j, _)| *j == job) {
            switch.store(true, Ordering::SeqCst);
        }
        let _ = self.jobs.send(Job::Cancel(job));
    }

    pub fn set_style(&self, style: Style) {
        let _ = self.jobs.send(Job::Style(style));
    }
}

fn serve(
    mut agent: Agent<Box<dyn Responder + Send>>,
    jobs: &mpsc::Receiver<Job>,
    out: &dyn Fn(Report) -> bool,
) {
    // The last finished turn and the agent's state before it.
    let mut last: Option<(JobId, Mark)> = None;
    while let Ok(job) = jobs.recv() {
        match job {
            Job::Ask {
                job,
                question,
                cancel,
            } => {
                let before = agent.mark();
                last = None;
                agent.responder.set_cancel(cancel.clone());
                if let Some(judge) = agent.judge.as_mut() {
                    judge.set_cancel(cancel.clone());
                }
                let mut sink = |e: &AgentEvent| {
                    out(Report::Event(job, e.clone()));
                    !cancel.load(Ordering::SeqCst)
                };
                let answered = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    agent.ask_with(&question, &mut sink)
                }));
                let report = match answered {
                    Ok(Some(report)) if !cancel.load(Ordering::SeqCst) => report,
                    Ok(Some(_)) | Ok(None) => {
                        agent.rewind(before);
                        out(Report::Cancelled(job));
                        continue;
                    }
                    Err(panic) => {
                        agent.rewind(before);
                        let why = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "the patient agent failed".into());
                        tracing::error!(%why, %question, "turn failed");
                        out(Report::Failed(job, why));
                        continue;
                    }
                };
                last = Some((job, before));
                if !out(Report::Done(job, Box::new(report))) {
                    break;
                }
            }
            Job::Cancel(job) => {
                if let Some((_, before)) = last.take_if(|(j, _)| *j == job) {
                    agent.rewind(before);
                    out(Report::Cancelled(job));
                }
            }
            Job::Style(s) => agent.responder.set_style(s),
        }
    }
}
