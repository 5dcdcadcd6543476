//! Prints what the concept layer reads in a text, for a case:
//! `read CASE.yaml "text"` (mentions), `read CASE.yaml "question" "reply"` (claims and verdicts),
//! `read CASE.yaml` (the record's items and the concepts they link to).
use patient_zero::language::Lexicon;
use patient_zero::memory::Memory;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let case = patient_zero::case::load(std::path::Path::new(&args[1]), None).expect("case");
    let lx = Lexicon::for_case(&case);
    if args.len() < 3 {
        for (i, item) in lx.items.iter().enumerate() {
            let names: Vec<&str> = item
                .concepts
                .iter()
                .map(|&c| lx.layer.get(c).id.as_str())
                .collect();
            println!(
                "{i:3} {} -> {:?} site={:?} side={:?}",
                item.key,
                names,
                item.site.map(|s| &lx.layer.get(s).id),
                item.side
            );
        }
        return;
    }
    let text = args.last().unwrap();
    let read = lx.read(text);
    for m in &read.mentions {
        let words: Vec<&str> = read.tokens[m.range.clone()]
            .iter()
            .map(|t| t.norm.as_str())
            .collect();
        println!(
            "{:?} {:?} senses={:?} site={:?} side={:?} dest={} items={:?}",
            words.join(" "),
            m.kind,
            m.senses
                .iter()
                .map(|&c| &lx.layer.get(c).id)
                .collect::<Vec<_>>(),
            m.site.map(|c| &lx.layer.get(c).id),
            m.side,
            m.destination,
            m.items
                .iter()
                .map(|&i| lx.items[i].key.to_string())
                .collect::<Vec<_>>()
        );
    }
    if args.len() >= 4 {
        let memory = Memory::from_case(&case);
        let q = patient_zero::language::question::read(&args[2], &lx);
        println!(
            "question: intents={:?} attribute={:?} yes_no={} alternatives={}",
            q.intents, q.attribute, q.yes_no, q.alternatives
        );
        for m in &q.read.mentions {
            let items: Vec<String> = m
                .items
                .iter()
                .map(|&i| lx.items[i].key.to_string())
                .collect();
            println!("  asked {:?} {:?} items={items:?}", m.range, m.kind);
        }
        let date = time::Date::from_calendar_date(2027, time::Month::January, 12).ok();
        let checked = patient_zero::verify::check(text, Some(&args[2]), &lx, &memory, date);
        for v in &checked.verdicts {
            println!(
                "  {:?} {} [{}] {}",
                v.label,
                v.claim,
                v.fact_id.as_deref().unwrap_or("-"),
                v.reason
            );
        }
        for s in &checked.reading.sentences {
            println!("  {} {}", if s.read { "read  " } else { "UNREAD" }, s.text);
        }
    }
}
