//! Carts: the unit of cart abandonment (METRICS.md, "Funnel").
//!
//! One walk over a unit's add-to-cart and purchase events, shared by the
//! `cart_abandonment_rate` metric and the cart line of `rapport funnel`, so
//! that the two cannot count by different rules:
//!
//! - every add-to-cart starts a cart, unless a cart of the unit is already
//!   open (started within the window and not yet bought);
//! - a purchase within the window (inclusive) converts the open cart;
//! - a cart whose window ends without a purchase is abandoned if the window
//!   ended by the as-of instant, and still open (neither) otherwise.
//!
//! A period's carts are those started in it: the period is the entry range,
//! as it is for a funnel's first step, so an add-to-cart before the period
//! does not hold a cart open into it. Purchases after the period's end still
//! convert a cart started inside it.

use serde::{Deserialize, Serialize};

/// The carts of a period, by what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartCount {
    /// Bought within the window.
    pub converted: u64,
    /// The window ended, by the as-of instant, without a purchase.
    pub abandoned: u64,
    /// The window had not ended by the as-of instant and nothing was bought
    /// yet: neither converted nor abandoned, left out of the rate.
    pub open: u64,
}

impl CartCount {
    /// Carts whose outcome is known: the rate's denominator.
    pub fn decided(&self) -> u64 {
        self.converted + self.abandoned
    }

    /// Cart abandonment in per cent of the decided carts; `None` when none
    /// is decided.
    pub fn rate(&self) -> Option<f64> {
        let n = self.decided();
        (n > 0).then(|| 100.0 * self.abandoned as f64 / n as f64)
    }

    pub(crate) fn add(&mut self, other: CartCount) {
        self.converted += other.converted;
        self.abandoned += other.abandoned;
        self.open += other.open;
    }
}

/// Where carts are counted: entries in `[from, to)`, a window in µs, and
/// the as-of instant in µs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CartRule {
    pub from: i64,
    pub to: i64,
    pub window: i64,
    pub as_of: i64,
}

impl CartRule {
    /// Counts one unit's carts. `events` are `(time µs, is_purchase)` in
    /// time order; an add-to-cart and a purchase at the same instant may
    /// come in either order (the purchase converts the cart).
    pub(crate) fn count(&self, events: impl IntoIterator<Item = (i64, bool)>) -> CartCount {
        let mut out = CartCount::default();
        let mut open: Option<i64> = None;
        let mut last_purchase: Option<i64> = None;
        for (t, purchase) in events {
            if t < self.from {
                continue;
            }
            if let Some(start) = open
                && t > start + self.window
            {
                self.close(start, &mut out);
                open = None;
            }
            if purchase {
                if open.take().is_some() {
                    out.converted += 1;
                }
                last_purchase = Some(t);
            } else if open.is_none() && t < self.to {
                if last_purchase == Some(t) {
                    out.converted += 1;
                } else {
                    open = Some(t);
                }
            }
        }
        if let Some(start) = open {
            self.close(start, &mut out);
        }
        out
    }

    /// A cart whose window passed without a purchase.
    fn close(&self, start: i64, out: &mut CartCount) {
        if start + self.window <= self.as_of {
            out.abandoned += 1;
        } else {
            out.open += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000_000;
    const DAY: i64 = 24 * H;
    const RULE: CartRule = CartRule {
        from: 0,
        to: 30 * DAY,
        window: DAY,
        as_of: 40 * DAY,
    };

    fn count(events: &[(i64, bool)]) -> CartCount {
        RULE.count(events.iter().copied())
    }

    fn carts(converted: u64, abandoned: u64, open: u64) -> CartCount {
        CartCount {
            converted,
            abandoned,
            open,
        }
    }

    #[test]
    fn a_second_add_inside_an_open_cart_starts_nothing() {
        let (add, buy) = (false, true);
        // Added twice, bought 20 hours after the first: one converted cart.
        assert_eq!(count(&[(0, add), (H, add), (20 * H, buy)]), carts(1, 0, 0));
        // Bought 25 hours after the first add (one hour after its window):
        // the cart was abandoned; the second add did not start another.
        assert_eq!(
            count(&[(0, add), (2 * H, add), (25 * H, buy)]),
            carts(0, 1, 0)
        );
    }

    #[test]
    fn after_a_purchase_or_an_ended_window_the_next_add_starts_a_cart() {
        let (add, buy) = (false, true);
        let events = [
            (0, add),
            (H, buy),
            (2 * H, add),
            (2 * H + DAY + 1, add),
            (2 * H + DAY + 2, buy),
        ];
        assert_eq!(count(&events), carts(2, 1, 0));
    }

    #[test]
    fn the_window_is_inclusive_and_a_purchase_at_the_same_instant_converts() {
        let (add, buy) = (false, true);
        assert_eq!(count(&[(0, add), (DAY, buy)]), carts(1, 0, 0));
        assert_eq!(count(&[(5 * H, buy), (5 * H, add)]), carts(1, 0, 0));
        // A purchase without a cart converts nothing.
        assert_eq!(count(&[(0, buy)]), carts(0, 0, 0));
    }

    #[test]
    fn carts_start_in_the_period_and_open_ones_are_apart() {
        let (add, buy) = (false, true);
        let rule = CartRule {
            from: 10 * DAY,
            to: 20 * DAY,
            window: DAY,
            as_of: 20 * DAY,
        };
        // An add before the period holds nothing open into it; an add after
        // its end starts nothing; a purchase after the end still converts.
        let events = [
            (10 * DAY - H, add),
            (10 * DAY + H, add),
            (15 * DAY, add),
            (20 * DAY - H, add),
            (20 * DAY + H, buy),
            (20 * DAY + 2 * H, add),
        ];
        assert_eq!(rule.count(events), carts(1, 2, 0));
        // With the as-of instant inside the last cart's window and no
        // purchase, that cart is open, not abandoned.
        let early = CartRule {
            as_of: 20 * DAY - 2 * H,
            ..rule
        };
        assert_eq!(early.count(events[..4].iter().copied()), carts(0, 2, 1));
        assert_eq!(carts(1, 3, 5).rate(), Some(75.0));
        assert_eq!(carts(0, 0, 5).rate(), None);
    }
}
