//! The patient's worker thread: events sent as they happen, and a cancelled
//! turn taken back so that the memory is as if it had not been asked.

mod common;

use common::figure5;
use patient_zero::persona::Style;
use patient_zero::tui::worker::Report;

#[test]
fn the_worker_streams_events_and_takes_back_a_cancelled_turn() {
    use patient_zero::tui::worker::Worker;
    use std::time::Duration;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut w = Worker::spawn(
        figure5(),
        patient_zero::agent::Voice::Offline {
            seed: 1,
            chaos: 0.0,
        }
        .responder(Style::Plain)
        .unwrap(),
        None,
        false,
        move |r| tx.send(r).is_ok(),
    )
    .unwrap();
    let q = "Have you had any nosebleeds?";
    let answer = |job| {
        let mut events = Vec::new();
        loop {
            match rx
                .recv_timeout(Duration::from_secs(10))
                .expect("the worker answers")
            {
                Report::Event(j, e) if j == job => events.push(e),
                Report::Done(j, report) if j == job => return (events, report),
                _ => panic!("an unexpected report"),
            }
        }
    };
    assert!(w.ask(1, q.into()));
    let (events, first) = answer(1);
    assert_eq!(
        events, first.events,
        "each event is sent as it happens, then the report"
    );
    assert_eq!(first.turn, 1);
    // Cancelled after it finished: the worker takes the turn back.
    w.cancel(1);
    assert!(matches!(
        rx.recv_timeout(Duration::from_secs(10)),
        Ok(Report::Cancelled(1))
    ));
    assert!(w.ask(2, q.into()));
    let (_, second) = answer(2);
    assert_eq!(second.turn, 1, "the cancelled turn is as if never asked");
    assert_eq!(
        second.added_facts, first.added_facts,
        "the same fact, under the same id"
    );
}
