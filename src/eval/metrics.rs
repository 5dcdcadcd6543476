//! Text similarity as the paper's diversity table uses it: BLEU-4,
//! ROUGE-L and TF-IDF cosine between two records' prose. Lower is more
//! diverse.

use std::collections::HashMap;

/// Lower-case words and numbers; punctuation separates tokens and is dropped.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map(|t| t.trim_matches(|c: char| c == '.' || c == '\''))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn ngrams(words: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut out = HashMap::new();
    if words.len() >= n {
        for g in words.windows(n) {
            *out.entry(g).or_insert(0) += 1;
        }
    }
    out
}

/// BLEU-4 of `candidate` against one `reference` (Papineni et al. 2002):
/// the geometric mean of the clipped 1- to 4-gram precisions times the
/// brevity penalty. A higher-order precision with no match is smoothed to
/// 0.1 matches (Chen & Cherry 2014, method 1), so two texts that share
/// words but no four-word run do not score exactly zero; texts that share
/// no word score 0.
pub fn bleu4(candidate: &[String], reference: &[String]) -> f64 {
    if candidate.is_empty() || reference.is_empty() {
        return 0.0;
    }
    let mut log_sum = 0.0;
    for n in 1..=4 {
        let cand = ngrams(candidate, n);
        let refs = ngrams(reference, n);
        let total: usize = cand.values().sum();
        if total == 0 {
            // A candidate shorter than n words has no n-grams to match.
            return 0.0;
        }
        let matched: usize = cand
            .iter()
            .map(|(g, c)| (*c).min(refs.get(g).copied().unwrap_or(0)))
            .sum();
        if matched == 0 && n == 1 {
            return 0.0;
        }
        let m = if matched == 0 { 0.1 } else { matched as f64 };
        log_sum += (m / total as f64).ln() / 4.0;
    }
    let (c, r) = (candidate.len() as f64, reference.len() as f64);
    let brevity = if c >= r { 1.0 } else { (1.0 - r / c).exp() };
    brevity * log_sum.exp()
}

/// BLEU-4 both ways round, averaged: a pair's similarity, whichever text is
/// taken as the reference.
pub fn bleu4_pair(a: &[String], b: &[String]) -> f64 {
    (bleu4(a, b) + bleu4(b, a)) / 2.0
}

fn numbered<'a>(ids: &mut HashMap<&'a str, u32>, words: &'a [String]) -> Vec<u32> {
    words
        .iter()
        .map(|w| {
            let next = ids.len() as u32;
            *ids.entry(w.as_str()).or_insert(next)
        })
        .collect()
}

fn lcs(a: &[String], b: &[String]) -> usize {
    // Words as numbers first: the table compares every word with every word.
    let mut ids = HashMap::new();
    let (a, b) = (numbered(&mut ids, a), numbered(&mut ids, b));
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == *y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// ROUGE-L F1 (Lin 2004): the longest common subsequence of words, as the
/// harmonic mean of its share of each text. Symmetric.
pub fn rouge_l(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let l = lcs(a, b) as f64;
    if l == 0.0 {
        return 0.0;
    }
    let (p, r) = (l / a.len() as f64, l / b.len() as f64);
    2.0 * p * r / (p + r)
}

/// TF-IDF vectors over a corpus: raw term counts times the smoothed inverse
/// document frequency ln((1 + N) / (1 + df)) + 1, as scikit-learn's
/// default, so a word in every document still counts a little.
pub struct TfIdf {
    vectors: Vec<HashMap<String, f64>>,
}

impl TfIdf {
    pub fn new(docs: &[Vec<String>]) -> Self {
        let n = docs.len() as f64;
        let mut df: HashMap<&str, f64> = HashMap::new();
        for d in docs {
            let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                *df.entry(w).or_insert(0.0) += 1.0;
            }
        }
        let vectors = docs
            .iter()
            .map(|d| {
                let mut v: HashMap<String, f64> = HashMap::new();
                for w in d {
                    *v.entry(w.clone()).or_insert(0.0) += 1.0;
                }
                for (w, x) in v.iter_mut() {
                    *x *= ((1.0 + n) / (1.0 + df[w.as_str()])).ln() + 1.0;
                }
                v
            })
            .collect();
        TfIdf { vectors }
    }

    /// The cosine of documents `i` and `j`.
    pub fn cosine(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (&self.vectors[i], &self.vectors[j]);
        let norm = |v: &HashMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
        let (na, nb) = (norm(a), norm(b));
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let dot: f64 = a.iter().filter_map(|(w, x)| b.get(w).map(|y| x * y)).sum();
        dot / (na * nb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn tokens_drop_punctuation_and_case_but_keep_decimals() {
        assert_eq!(
            t("She has a 38.1 °C fever, and it's worse."),
            [
                "she", "has", "a", "38.1", "c", "fever", "and", "it's", "worse"
            ]
        );
    }

    #[test]
    fn identical_texts_score_one_and_disjoint_texts_zero() {
        let a = t("the pain started two days ago and is getting worse");
        let b = t("blurred vision in my left eye since last week");
        assert!((bleu4(&a, &a) - 1.0).abs() < 1e-12);
        assert!((rouge_l(&a, &a) - 1.0).abs() < 1e-12);
        assert_eq!(bleu4(&a, &b), 0.0);
        assert_eq!(rouge_l(&a, &b), 0.0);
        let tfidf = TfIdf::new(&[a.clone(), a.clone(), b.clone()]);
        assert!((tfidf.cosine(0, 1) - 1.0).abs() < 1e-12);
        assert_eq!(tfidf.cosine(0, 2), 0.0);
    }

    #[test]
    fn a_hand_computed_pair() {
        // candidate: the cat sat on the mat (6 words); reference: the cat lay on the mat.
        let c = t("the cat sat on the mat");
        let r = t("the cat lay on the mat");
        // Clipped matches: 1-grams 5/6, 2-grams 3/5 (the cat, on the, the mat),
        // 3-grams 1/4 (on the mat), 4-grams 0/3 -> smoothed 0.1/3. Equal length: no penalty.
        let expected = (5.0_f64 / 6.0 * 3.0 / 5.0 * 1.0 / 4.0 * (0.1 / 3.0)).powf(0.25);
        assert!(
            (bleu4(&c, &r) - expected).abs() < 1e-12,
            "{}",
            bleu4(&c, &r)
        );
        // LCS: the cat on the mat = 5 of 6 each way.
        assert!((rouge_l(&c, &r) - 5.0 / 6.0).abs() < 1e-12);
        // TF-IDF over the two documents: shared words get idf 1, "sat"/"lay" ln(3/2)+1;
        // "the" appears twice in each.
        let idf = (1.5_f64).ln() + 1.0;
        let dot = 4.0 + 1.0 + 1.0 + 1.0; // the (2*2), cat, on, mat
        let norm = (4.0 + 1.0 + 1.0 + 1.0 + idf * idf).sqrt();
        let tfidf = TfIdf::new(&[c, r]);
        assert!((tfidf.cosine(0, 1) - dot / (norm * norm)).abs() < 1e-12);
    }

    #[test]
    fn a_short_candidate_pays_the_brevity_penalty() {
        let r = t("the pain in my back has been there for three weeks now");
        let c = t("the pain in my back has been there");
        let full_precision = bleu4(&c, &c);
        assert!((full_precision - 1.0).abs() < 1e-12);
        let bp = (1.0_f64 - 12.0 / 8.0).exp();
        assert!((bleu4(&c, &r) - bp).abs() < 1e-12, "{}", bleu4(&c, &r));
        assert!(bleu4(&r, &c) < 1.0);
    }
}
