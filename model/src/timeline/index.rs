//! Lookups the layout needs per mark, computed in one pass each (issue 17): laying out a run
//! of thousands of callbacks stays linear in its marks.

use crate::lang::value::FutId;
use crate::timeline::record::{Mark, MarkKind, Recorder, SlotKind, MAX_SLOTS};

/// What the layout looks up per mark, computed in one pass each way so that laying out a
/// long run stays linear: where each slot's marks start (marks are recorded in slot order),
/// where each lane ends, the slot of the step that ends each await, and where each future
/// without a lane was done.
pub(crate) struct Index {
    slot_start: Vec<usize>,
    pub lane_end: Vec<Option<usize>>,
    pub woke: Vec<Option<usize>>,
    pub done_slot: std::collections::HashMap<usize, usize>,
    nslots: usize,
    final_slot: Option<usize>,
}

impl Index {
    pub fn new(rec: &Recorder) -> Index {
        let n = rec.slots.len();
        let mut slot_start = vec![rec.marks.len(); n + 1];
        for (i, m) in rec.marks.iter().enumerate().rev() {
            if m.slot < n {
                slot_start[m.slot] = i;
            }
        }
        for s in (0..n).rev() {
            slot_start[s] = slot_start[s].min(slot_start[s + 1]);
        }
        let mut lane_end = vec![None; rec.lanes.len()];
        let mut done_slot = std::collections::HashMap::new();
        for m in &rec.marks {
            if let MarkKind::Done { fut, .. } = m.kind {
                if rec.lane_of(FutId(fut)) == Some(m.lane) && lane_end[m.lane].is_none() {
                    lane_end[m.lane] = Some(m.slot);
                }
                done_slot.entry(fut).or_insert(m.slot);
            }
        }
        let mut woke = vec![None; rec.marks.len()];
        let mut next_step: Vec<Option<usize>> = vec![None; rec.lanes.len()];
        for (i, m) in rec.marks.iter().enumerate().rev() {
            if matches!(m.kind, MarkKind::Await { .. }) {
                woke[i] = next_step[m.lane];
            }
            if matches!(m.kind, MarkKind::Step { .. }) {
                next_step[m.lane] = Some(m.slot);
            }
        }
        let final_slot = rec
            .slots
            .iter()
            .position(|s| s.kind == SlotKind::Finalization);
        Index {
            slot_start,
            lane_end,
            woke,
            done_slot,
            nslots: n,
            final_slot,
        }
    }

    /// The marks made in slot `s`.
    pub fn in_slot<'r>(&self, rec: &'r Recorder, s: usize) -> &'r [Mark] {
        if s >= self.nslots {
            return &[];
        }
        &rec.marks[self.slot_start[s]..self.slot_start[s + 1]]
    }

    /// Is slot `s` drawn? The first `MAX_SLOTS`, and the finalisers'.
    pub fn drawn(&self, s: usize) -> bool {
        s < MAX_SLOTS || Some(s) == self.final_slot
    }
}
