//! Prints what the concept layer reads in a text, for a case:
//! `cargo run --example read -- CASE.yaml "text"`.
use patient_zero::language::Lexicon;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let case = patient_zero::case::load(std::path::Path::new(&args[1]), None).expect("case");
    let lx = Lexicon::for_case(&case);
    if args.len() < 3 {
        for (i, item) in lx.items.iter().enumerate() {
            let names: Vec<&str> = item.concepts.iter().map(|&c| lx.layer.get(c).id.as_str()).collect();
            println!("{i:3} {} -> {:?} site={:?} side={:?}", item.key, names, item.site.map(|s| &lx.layer.get(s).id), item.side);
        }
        return;
    }
    let read = lx.read(&args[2]);
    for m in &read.mentions {
        let words: Vec<&str> = read.tokens[m.range.clone()].iter().map(|t| t.norm.as_str()).collect();
        println!(
            "{:?} {:?} concept={:?} site={:?} side={:?} dest={} items={:?}",
            words.join(" "),
            m.kind,
            m.concept.map(|c| &lx.layer.get(c).id),
            m.site.map(|c| &lx.layer.get(c).id),
            m.side,
            m.destination,
            m.items.iter().map(|&i| lx.items[i].key.to_string()).collect::<Vec<_>>()
        );
    }
}
