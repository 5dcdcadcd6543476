//! A case as an HL7 FHIR R4 `Bundle` of type `collection`: the patient, the
//! diagnosis, the story (symptoms, pertinent negatives, history, social
//! history) and the examination, each as the resource FHIR has for it.
//!
//! The output is byte-stable: resource ids are UUIDs derived from the case id
//! and the resource's place in the record, and nothing depends on the clock.

mod codes;
mod history;
mod observations;
mod patient;

pub use codes::ucum;

use crate::case::Case;
use crate::knowledge::KnowledgeBase;
use serde_json::{Value, json};

/// The bundle's identifier system: case ids are unique within this project.
pub const CASE_ID_SYSTEM: &str = "urn:patient-zero:case";

/// Collects the bundle's entries; every resource gets its id and `urn:uuid:` fullUrl here.
struct Builder<'a> {
    case: &'a Case,
    kb: Option<&'a KnowledgeBase>,
    entries: Vec<Value>,
}

impl<'a> Builder<'a> {
    /// Adds a resource under `key`, which names its place in the record
    /// ("symptom/0") so that its UUID never changes between exports.
    fn add(&mut self, key: &str, mut resource: Value) {
        let id = uuid(&self.case.id, key);
        resource["id"] = json!(id);
        self.entries.push(json!({
            "fullUrl": format!("urn:uuid:{id}"),
            "resource": resource,
        }));
    }

    /// The reference every resource uses for the patient.
    fn patient(&self) -> Value {
        json!({ "reference": format!("urn:uuid:{}", uuid(&self.case.id, "patient")) })
    }
}

/// The case as a FHIR R4 Bundle. With a knowledge base, labs and studies get
/// the LOINC codes of the measure catalogue.
pub fn bundle(case: &Case, kb: Option<&KnowledgeBase>) -> Value {
    let mut b = Builder {
        case,
        kb,
        entries: Vec::new(),
    };
    patient::add(&mut b);
    observations::add(&mut b);
    history::add(&mut b);
    json!({
        "resourceType": "Bundle",
        "id": uuid(&case.id, "bundle"),
        "identifier": { "system": CASE_ID_SYSTEM, "value": case.id },
        "type": "collection",
        "entry": b.entries,
    })
}

/// The bundle as the text `export --format fhir` writes.
pub fn to_json(case: &Case, kb: Option<&KnowledgeBase>) -> String {
    // A Value built from strings and finite numbers always serialises.
    serde_json::to_string_pretty(&bundle(case, kb)).unwrap_or_default() + "\n"
}

/// A UUID (RFC 9562 version 8, the custom layout) from the case id and a key:
/// the same inputs give the same UUID on every machine and every run.
pub fn uuid(case_id: &str, key: &str) -> String {
    let text = format!("patient-zero\u{0}{case_id}\u{0}{key}");
    let hi = mix(fnv1a(text.as_bytes(), 0xcbf2_9ce4_8422_2325));
    let lo = mix(fnv1a(text.as_bytes(), 0x8422_2325_cbf2_9ce4) ^ hi);
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&hi.to_be_bytes());
    bytes[8..].copy_from_slice(&lo.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

fn fnv1a(bytes: &[u8], basis: u64) -> u64 {
    bytes.iter().fold(basis, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The splitmix64 finaliser, so that keys differing in one character differ everywhere.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_well_formed_and_distinct() {
        let a = uuid("case-1", "patient");
        assert_eq!(a, uuid("case-1", "patient"));
        assert_ne!(a, uuid("case-1", "patient2"));
        assert_ne!(a, uuid("case-2", "patient"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('8'), "{a}");
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }
}
