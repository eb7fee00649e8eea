//! A future's done-callback list (asyncio's `_callbacks`), in the order callbacks were added
//! (SPEC F2). Most futures get exactly one callback (the gather or wait they belong to, or the
//! task awaiting them), so the first is kept inline: a child of a gather allocates no list.

/// Callbacks in the order added: `first` (when present) precedes everything in `rest`.
pub(crate) struct Callbacks<C> {
    first: Option<(u64, C)>,
    rest: Vec<(u64, C)>,
}

impl<C> Default for Callbacks<C> {
    fn default() -> Self {
        Callbacks {
            first: None,
            rest: Vec::new(),
        }
    }
}

impl<C> Callbacks<C> {
    /// Append, keeping the order: inline only when the list is empty.
    pub(crate) fn push(&mut self, id: u64, c: C) {
        if self.first.is_none() && self.rest.is_empty() {
            self.first = Some((id, c));
        } else {
            self.rest.push((id, c));
        }
    }

    /// Remove the entries `drop_it` selects; returns how many were removed.
    pub(crate) fn remove_where(&mut self, mut drop_it: impl FnMut(u64, &C) -> bool) -> usize {
        let mut n = 0;
        if let Some((id, c)) = &self.first {
            if drop_it(*id, c) {
                self.first = None;
                n += 1;
            }
        }
        let before = self.rest.len();
        self.rest.retain(|(id, c)| !drop_it(*id, c));
        n + before - self.rest.len()
    }

    /// Is there an entry `f` selects?
    pub(crate) fn any(&self, f: impl FnMut(&C) -> bool) -> bool {
        self.iter().any(f)
    }

    /// Every entry, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &C> {
        self.first.iter().chain(self.rest.iter()).map(|(_, c)| c)
    }

    /// Take every entry, in order, leaving the list empty.
    pub(crate) fn take(&mut self) -> impl Iterator<Item = C> {
        let first = self.first.take();
        let rest = std::mem::take(&mut self.rest);
        first.into_iter().chain(rest).map(|(_, c)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::Callbacks;

    fn order(c: &Callbacks<char>) -> String {
        c.iter().collect()
    }

    #[test]
    fn order_is_kept_across_removals_of_the_inline_entry() {
        let mut c = Callbacks::default();
        c.push(0, 'a');
        c.push(1, 'b');
        assert_eq!(c.remove_where(|id, _| id == 0), 1);
        // 'a' is gone but 'b' is in `rest`: a new entry must go after 'b'.
        c.push(2, 'c');
        assert_eq!(order(&c), "bc");
        assert_eq!(c.remove_where(|_, ch| *ch == 'b'), 1);
        assert_eq!(c.remove_where(|_, ch| *ch == 'x'), 0);
        c.push(3, 'd');
        assert_eq!(order(&c), "cd");
        assert_eq!(c.take().collect::<String>(), "cd");
        assert_eq!(order(&c), "");
        c.push(4, 'e');
        assert_eq!(order(&c), "e");
    }
}
