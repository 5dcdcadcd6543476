//! The examination, the results and the diagnosis: what the examiner knows.

use super::Writer;
use super::phrasing::{inner, number};
use crate::case::{Case, LabFlag};
use crate::memory::Topic;

pub(super) fn examination(case: &Case, w: &mut Writer) {
    let e = &case.examination;
    let v = &e.vitals;
    let f = w.facts;
    let mut ids = Vec::new();
    for name in [
        "temperature",
        "heart rate",
        "systolic blood pressure",
        "diastolic blood pressure",
        "respiratory rate",
        "oxygen saturation",
    ] {
        ids.extend(f.ids(Topic::Vital, name));
    }
    let (t, hr, bp, rr, sat) = (
        number(v.temperature_c),
        v.heart_rate,
        format!("{}/{}", v.systolic_bp, v.diastolic_bp),
        v.respiratory_rate,
        v.spo2,
    );
    let text = w.pick.one(&[
        format!("temperature {t} °C, pulse {hr}/min, blood pressure {bp} mmHg, respiratory rate {rr}/min, oxygen saturation {sat}%"),
        format!("vital signs: heart rate {hr} per minute, BP {bp} mmHg, temperature {t} °C, breathing {rr} per minute, SpO2 {sat}%"),
        format!("observations show a pulse of {hr}, blood pressure of {bp}, a temperature of {t} °C, respirations of {rr} and saturations of {sat}%"),
        format!("BP {bp}, HR {hr}, RR {rr}, T {t} °C, sats {sat}% on air"),
        format!("{sat}% saturation on room air, {rr} breaths a minute, pulse {hr}, pressure {bp} mmHg and temperature {t} °C"),
    ]);
    w.say(text, ids);
    // A finding is a fragment ("soft, non-tender"), so it follows a colon.
    for x in &e.findings {
        let (sys, fin) = (&x.system, inner(&x.finding));
        let text = if sys == "general" {
            w.pick.one(&[
                format!("general appearance: {fin}"),
                format!("on general inspection: {fin}"),
            ])
        } else {
            w.pick
                .one(&[format!("{sys}: {fin}"), format!("findings ({sys}): {fin}")])
        };
        w.say(text, f.ids(Topic::Finding, sys));
    }
    let mut labs: Vec<(String, Vec<String>)> = e
        .labs
        .iter()
        .map(|l| {
            let flag = match l.flag {
                LabFlag::Low => " (low)",
                LabFlag::High => " (high)",
                LabFlag::Normal => "",
            };
            let text = format!("{} {} {}{flag}", l.name, number(l.value), l.unit);
            (text, f.ids(Topic::Lab, &l.name))
        })
        .collect();
    // Abnormal results first, as a clinician reports them.
    labs.sort_by_key(|(t, _)| !(t.ends_with("(high)") || t.ends_with("(low)")));
    if !labs.is_empty() {
        let ids = labs.iter().flat_map(|(_, i)| i.clone()).collect();
        let all = labs
            .into_iter()
            .map(|(t, _)| t)
            .collect::<Vec<_>>()
            .join("; ");
        let lead = w.pick.one(&[
            "results: ",
            "investigations show ",
            "the tests give ",
            "bloods and other tests: ",
            "laboratory work-up: ",
        ]);
        w.say(format!("{lead}{all}"), ids);
    }
    for i in &e.imaging {
        let key = format!("{} {}", i.modality, i.region);
        let text = w.pick.one(&[
            format!("{} of the {}: {}", i.modality, i.region, inner(&i.finding)),
            format!(
                "{} of the {} shows {}",
                i.modality,
                i.region,
                inner(&i.finding)
            ),
        ]);
        w.say(text, f.ids(Topic::Imaging, &key));
    }
    for st in &e.studies {
        let result = inner(&st.result);
        let text = match (st.value, &st.unit) {
            (Some(x), Some(u)) => format!("{}: {} {u} ({result})", st.name, number(x)),
            _ => format!("{}: {result}", st.name),
        };
        w.say(text, f.ids(Topic::Study, &st.name));
    }
}

pub(super) fn diagnosis(case: &Case, w: &mut Writer) {
    let d = &case.disease;
    let told = if d.patient_told {
        w.pick.one(&[
            "the patient has been told",
            "the patient knows it",
            "it has been explained to the patient",
        ])
    } else {
        w.pick.one(&[
            "the patient has not been told",
            "the patient does not know it yet",
            "it has not yet been shared with the patient",
        ])
    };
    let told = &told;
    // An imported case may have no ICD-10 code.
    let code = if d.icd10.is_empty() {
        "no ICD-10 code".to_string()
    } else {
        format!("ICD-10 {}", d.icd10)
    };
    let (name, severity) = (&d.name, d.severity);
    let text = w.pick.one(&[
        format!("the diagnosis is {name} ({code}, {severity}); {told}"),
        format!("diagnosis: {name}, {severity}, {code}; {told}"),
        format!("final diagnosis: {name} ({severity}, {code}); {told}"),
    ]);
    w.say(text, w.facts.ids(Topic::Diagnosis, ""));
}
