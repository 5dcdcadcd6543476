//! Quantities as patients say them: durations, counts, frequencies, pain scores.
