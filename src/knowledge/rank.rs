//! Hybrid ranking: BM25 and vector similarity, each scaled to 0..1 over the candidates, then
//! blended with a weight tuned on the development split of a retrieval set.

use std::collections::HashMap;

/// How the two rankings are blended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fusion {
    /// The vector side's share of the blended score (0 = BM25 only, 1 = vectors only).
    pub vector_weight: f64,
    /// How many candidates each side contributes.
    pub depth: usize,
}

/// Tuned on the development split (see the knowledge_eval benchmark); held-out figures in
/// the project's notes.
pub const FUSION: Fusion = Fusion {
    vector_weight: 0.25,
    depth: 50,
};

/// A candidate's scores on each side (`None`: that side did not find it).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub lexical: Option<f64>,
    pub vector: Option<f32>,
}

/// Blends the two candidate lists into one ranking, best first.
pub fn fuse(candidates: &HashMap<i64, Scores>, fusion: Fusion) -> Vec<(i64, f64)> {
    let lexical_max = candidates
        .values()
        .filter_map(|scores| scores.lexical)
        .fold(0.0_f64, f64::max);
    let (vector_min, vector_max) = candidates
        .values()
        .filter_map(|scores| scores.vector)
        .fold((f32::MAX, f32::MIN), |(low, high), v| {
            (low.min(v), high.max(v))
        });
    let vector_span = f64::from(vector_max - vector_min);
    let mut ranked: Vec<(i64, f64)> = candidates
        .iter()
        .map(|(id, scores)| {
            let lexical = match scores.lexical {
                Some(score) if lexical_max > 0.0 => score / lexical_max,
                _ => 0.0,
            };
            let vector = match scores.vector {
                Some(score) if vector_span > 0.0 => f64::from(score - vector_min) / vector_span,
                Some(_) => 1.0,
                None => 0.0,
            };
            let blended = (1.0 - fusion.vector_weight) * lexical + fusion.vector_weight * vector;
            (*id, blended)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(rows: &[(i64, Option<f64>, Option<f32>)]) -> HashMap<i64, Scores> {
        rows.iter()
            .map(|(id, lexical, vector)| {
                let scores = Scores {
                    lexical: *lexical,
                    vector: *vector,
                };
                (*id, scores)
            })
            .collect()
    }

    #[test]
    fn the_weight_moves_the_ranking_between_the_two_sides() {
        let rows = candidates(&[(1, Some(10.0), Some(0.2)), (2, Some(4.0), Some(0.9))]);
        let lexical_only = Fusion {
            vector_weight: 0.0,
            depth: 10,
        };
        let vector_only = Fusion {
            vector_weight: 1.0,
            depth: 10,
        };
        assert_eq!(fuse(&rows, lexical_only)[0].0, 1);
        assert_eq!(fuse(&rows, vector_only)[0].0, 2);
    }

    #[test]
    fn a_candidate_found_by_both_sides_beats_one_found_by_either() {
        let rows = candidates(&[
            (1, Some(8.0), None),
            (2, None, Some(0.8)),
            (3, Some(7.0), Some(0.75)),
            (4, Some(1.0), Some(0.1)),
        ]);
        let ranked = fuse(
            &rows,
            Fusion {
                vector_weight: 0.5,
                depth: 10,
            },
        );
        assert_eq!(ranked[0].0, 3);
        assert_eq!(ranked.last().map(|r| r.0), Some(4));
    }

    #[test]
    fn one_sided_or_empty_candidates_still_rank() {
        assert!(fuse(&HashMap::new(), FUSION).is_empty());
        let rows = candidates(&[(5, Some(2.0), None), (6, Some(3.0), None)]);
        let ids: Vec<i64> = fuse(&rows, FUSION).iter().map(|r| r.0).collect();
        assert_eq!(ids, [6, 5]);
    }
}
