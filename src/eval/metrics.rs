//! Text similarity as the paper's diversity table uses it: BLEU-4,
//! ROUGE-L and TF-IDF cosine between two records' prose. Lower is more
//! diverse.

use std::collections::{BTreeMap, HashMap};

/// Lower-case words and numbers; punctuation separates tokens and is dropped.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map(|t| t.trim_matches(|c: char| c == '.' || c == '\''))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Texts with their words numbered, n-grams counted and TF-IDF weighted
/// once, so that many pairs can be compared cheaply.
pub struct Corpus {
    words: Vec<Vec<u32>>,
    /// Per text, n-gram counts for n = 1..4, an n-gram packed into a u128.
    grams: Vec<[HashMap<u128, usize>; 4]>,
    /// Per text, (word, weight) sorted by word.
    tfidf: Vec<Vec<(u32, f64)>>,
}

fn pack(gram: &[u32]) -> u128 {
    gram.iter()
        .fold(0u128, |acc, &w| (acc << 32) | u128::from(w + 1))
}

impl Corpus {
    pub fn new(docs: &[Vec<String>]) -> Self {
        let mut vocabulary: HashMap<&str, u32> = HashMap::new();
        let words: Vec<Vec<u32>> = docs
            .iter()
            .map(|d| {
                d.iter()
                    .map(|w| {
                        let next = vocabulary.len() as u32;
                        *vocabulary.entry(w.as_str()).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let grams = words
            .iter()
            .map(|w| {
                std::array::from_fn(|k| {
                    let mut counts = HashMap::new();
                    for g in w.windows(k + 1) {
                        *counts.entry(pack(g)).or_insert(0) += 1;
                    }
                    counts
                })
            })
            .collect();
        // Smoothed idf, as scikit-learn's default: ln((1 + N) / (1 + df)) + 1,
        // so a word in every text still counts a little.
        let n = docs.len() as f64;
        let mut df = vec![0.0f64; vocabulary.len()];
        let counts: Vec<BTreeMap<u32, f64>> = words
            .iter()
            .map(|w| {
                let mut c = BTreeMap::new();
                for &x in w {
                    *c.entry(x).or_insert(0.0) += 1.0;
                }
                for &x in c.keys() {
                    df[x as usize] += 1.0;
                }
                c
            })
            .collect();
        let tfidf = counts
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|(x, tf)| (x, tf * (((1.0 + n) / (1.0 + df[x as usize])).ln() + 1.0)))
                    .collect()
            })
            .collect();
        Corpus {
            words,
            grams,
            tfidf,
        }
    }

    /// BLEU-4 of text `c` against the single reference `r` (Papineni et al.
    /// 2002): the geometric mean of the clipped 1- to 4-gram precisions times
    /// the brevity penalty. A higher-order precision with no match is
    /// smoothed to 0.1 matches (Chen & Cherry 2014, method 1), so texts that
    /// share words but no four-word run do not score exactly zero; texts
    /// that share no word score 0.
    pub fn bleu4(&self, c: usize, r: usize) -> f64 {
        let (cw, rw) = (&self.words[c], &self.words[r]);
        if cw.is_empty() || rw.is_empty() {
            return 0.0;
        }
        let mut log_sum = 0.0;
        for k in 0..4 {
            let (cand, refs) = (&self.grams[c][k], &self.grams[r][k]);
            let total: usize = cand.values().sum();
            if total == 0 {
                // A text shorter than n words has no n-grams to match.
                return 0.0;
            }
            let matched: usize = cand
                .iter()
                .map(|(g, n)| (*n).min(refs.get(g).copied().unwrap_or(0)))
                .sum();
            if matched == 0 && k == 0 {
                return 0.0;
            }
            let m = if matched == 0 { 0.1 } else { matched as f64 };
            log_sum += (m / total as f64).ln() / 4.0;
        }
        let (lc, lr) = (cw.len() as f64, rw.len() as f64);
        let brevity = if lc >= lr { 1.0 } else { (1.0 - lr / lc).exp() };
        brevity * log_sum.exp()
    }

    /// BLEU-4 both ways round, averaged: a pair's similarity, whichever text
    /// is taken as the reference.
    pub fn bleu4_pair(&self, i: usize, j: usize) -> f64 {
        (self.bleu4(i, j) + self.bleu4(j, i)) / 2.0
    }

    /// ROUGE-L F1 (Lin 2004): the longest common subsequence of words, as
    /// the harmonic mean of its share of each text. Symmetric.
    pub fn rouge_l(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (&self.words[i], &self.words[j]);
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

    /// The cosine of the TF-IDF vectors of texts `i` and `j`.
    pub fn cosine(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (&self.tfidf[i], &self.tfidf[j]);
        let norm = |v: &[(u32, f64)]| v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        let (na, nb) = (norm(a), norm(b));
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let (mut x, mut y, mut dot) = (0, 0, 0.0);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[x].1 * b[y].1;
                    x += 1;
                    y += 1;
                }
            }
        }
        dot / (na * nb)
    }
}

fn lcs(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        tokens(s)
    }

    /// (BLEU-4 of a against b, ROUGE-L, TF-IDF cosine over just the two).
    fn pair(a: &str, b: &str) -> (f64, f64, f64) {
        let c = Corpus::new(&[t(a), t(b)]);
        (c.bleu4(0, 1), c.rouge_l(0, 1), c.cosine(0, 1))
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
        let a = "the pain started two days ago and is getting worse";
        let b = "blurred vision in my left eye since last week";
        let (bleu, rouge, cos) = pair(a, a);
        assert!((bleu - 1.0).abs() < 1e-12 && (rouge - 1.0).abs() < 1e-12);
        assert!((cos - 1.0).abs() < 1e-12);
        assert_eq!(pair(a, b), (0.0, 0.0, 0.0));
    }

    #[test]
    fn a_hand_computed_pair() {
        let (bleu, rouge, cos) = pair("the cat sat on the mat", "the cat lay on the mat");
        // Clipped matches: 1-grams 5/6, 2-grams 3/5 (the cat, on the, the mat),
        // 3-grams 1/4 (on the mat), 4-grams 0/3 -> smoothed 0.1/3. Equal length: no penalty.
        let expected = (5.0_f64 / 6.0 * 3.0 / 5.0 * 1.0 / 4.0 * (0.1 / 3.0)).powf(0.25);
        assert!((bleu - expected).abs() < 1e-12, "{bleu}");
        // LCS: the cat on the mat = 5 of 6 each way.
        assert!((rouge - 5.0 / 6.0).abs() < 1e-12);
        // TF-IDF over the two texts: shared words get idf 1, "sat"/"lay" ln(3/2)+1;
        // "the" appears twice in each.
        let idf = (1.5_f64).ln() + 1.0;
        let dot = 4.0 + 1.0 + 1.0 + 1.0; // the (2*2), cat, on, mat
        let norm = (4.0 + 1.0 + 1.0 + 1.0 + idf * idf).sqrt();
        assert!((cos - dot / (norm * norm)).abs() < 1e-12);
    }

    #[test]
    fn a_short_candidate_pays_the_brevity_penalty() {
        let r = "the pain in my back has been there for three weeks now";
        let c = "the pain in my back has been there";
        let corpus = Corpus::new(&[t(c), t(r)]);
        let bp = (1.0_f64 - 12.0 / 8.0).exp();
        assert!(
            (corpus.bleu4(0, 1) - bp).abs() < 1e-12,
            "{}",
            corpus.bleu4(0, 1)
        );
        assert!(corpus.bleu4(1, 0) < 1.0);
        assert!((corpus.bleu4(0, 0) - 1.0).abs() < 1e-12);
    }
}
