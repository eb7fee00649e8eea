//! A future's done-callback list (asyncio's `_callbacks`), in the order callbacks were added
//! (SPEC F2), and the FIFO queues of scheduled calls. Most futures get exactly one callback
//! (the gather or wait they belong to, or the task awaiting them), and most batches of calls
//! hold one, so the first entry is kept inline: a child of a gather allocates no list.

use std::collections::VecDeque;

/// A FIFO queue whose first entry is inline: `first` (when present) precedes `rest`.
pub(crate) struct Queue<C> {
    first: Option<C>,
    rest: VecDeque<C>,
}

impl<C> Default for Queue<C> {
    fn default() -> Self {
        Queue {
            first: None,
            rest: VecDeque::new(),
        }
    }
}

impl<C> Queue<C> {
    /// A queue of one entry (no allocation).
    pub(crate) fn one(c: C) -> Self {
        Queue {
            first: Some(c),
            rest: VecDeque::new(),
        }
    }

    /// Append, keeping the order: inline only when the queue is empty.
    pub(crate) fn push(&mut self, c: C) {
        if self.first.is_none() && self.rest.is_empty() {
            self.first = Some(c);
        } else {
            self.rest.push_back(c);
        }
    }

    /// Take the oldest entry.
    pub(crate) fn pop(&mut self) -> Option<C> {
        self.first.take().or_else(|| self.rest.pop_front())
    }

    /// Remove the entries `drop_it` selects; returns how many were removed.
    pub(crate) fn remove_where(&mut self, mut drop_it: impl FnMut(&C) -> bool) -> usize {
        let mut n = 0;
        if self.first.as_ref().is_some_and(&mut drop_it) {
            self.first = None;
            n += 1;
        }
        let before = self.rest.len();
        self.rest.retain(|c| !drop_it(c));
        n + before - self.rest.len()
    }

    /// Every entry, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &C> {
        self.first.iter().chain(self.rest.iter())
    }

    /// Take every entry, in order, leaving the queue empty.
    pub(crate) fn take_all(&mut self) -> Queue<C> {
        std::mem::take(self)
    }
}

impl<C> Iterator for Queue<C> {
    type Item = C;
    fn next(&mut self) -> Option<C> {
        self.pop()
    }
}

/// Callbacks in the order added, each with the id `remove_done_callback` names it by.
pub(crate) type Callbacks<C> = Queue<(u64, C)>;

#[cfg(test)]
mod tests {
    use super::Callbacks;

    fn order(c: &Callbacks<char>) -> String {
        c.iter().map(|(_, ch)| ch).collect()
    }

    #[test]
    fn order_is_kept_across_removals_of_the_inline_entry() {
        let mut c = Callbacks::default();
        c.push((0, 'a'));
        c.push((1, 'b'));
        assert_eq!(c.remove_where(|(id, _)| *id == 0), 1);
        // 'a' is gone but 'b' is in `rest`: a new entry must go after 'b'.
        c.push((2, 'c'));
        assert_eq!(order(&c), "bc");
        assert_eq!(c.remove_where(|(_, ch)| *ch == 'b'), 1);
        assert_eq!(c.remove_where(|(_, ch)| *ch == 'x'), 0);
        c.push((3, 'd'));
        assert_eq!(order(&c), "cd");
        assert_eq!(c.take_all().map(|(_, ch)| ch).collect::<String>(), "cd");
        assert_eq!(order(&c), "");
        c.push((4, 'e'));
        assert_eq!(order(&c), "e");
    }

    #[test]
    fn pop_takes_the_oldest_first() {
        let mut c = super::Queue::one('a');
        c.push('b');
        c.push('c');
        assert_eq!(c.pop(), Some('a'));
        c.push('d');
        assert_eq!(c.collect::<String>(), "bcd");
    }
}
