//! The key index: every key an entity of a client holds, with the hash of
//! its row and the load that holds it; the duplicate check of every load.
//!
//! A load of 10 million new keys probes this table 10 million times at
//! random, and on a table far bigger than the CPU caches each probe waits
//! for memory. A general hash map keeps its control bytes apart from its
//! entries, so a new key costs two cache misses. Here a key and its value
//! share one 32-byte slot (linear probing, at most 70 % full), so a probe
//! costs one miss, and the load can ask for a key's slot ahead of time
//! ([`KeyIndex::prefetch`]) so that the misses of several keys overlap.
//!
//! The table has any number of slots, not a power of two: a key's home
//! slot is its (uniform) hash scaled to the table, so a table sized for a
//! load's expected keys takes 32 / 0.7 ≈ 46 bytes a key, where a general
//! map rounding up to a power of two takes 38 to 75.

/// One slot: the key hash and its value side by side. Aligned to its
/// size, so that no slot straddles two cache lines (a large allocation
/// is otherwise only 16-byte aligned, and every other slot would cost two
/// misses).
#[derive(Debug, Clone, Copy)]
#[repr(align(32))]
struct Slot {
    key: u128,
    row_hash: u64,
    /// The load holding the key; [`EMPTY`] for a free slot.
    load: i64,
}

/// A free slot's load: no load has this id (ids are read from file names
/// as digits, never negative).
const EMPTY: i64 = i64::MIN;

const FREE: Slot = Slot {
    key: 0,
    row_hash: 0,
    load: EMPTY,
};

/// Key hash (xxh3-128, uniformly distributed) → (row hash, load id).
#[derive(Debug, Default)]
pub(crate) struct KeyIndex {
    slots: Vec<Slot>,
    len: usize,
    /// A larger table being made on another thread (see
    /// [`KeyIndex::reserve_in_background`]).
    making: Option<std::thread::JoinHandle<Vec<Slot>>>,
}

impl KeyIndex {
    /// How many keys the index holds.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Makes room for `additional` more keys without growing in between:
    /// growing copies the table, and briefly holds the old and the new one.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let slots = self.slots_for(additional);
        if slots > self.slots.len() {
            self.rebuild(slots);
        }
    }

    /// Like [`Self::reserve`], but the larger table is made (allocated and
    /// filled with free slots) on another thread, while this one goes on
    /// with the table it has; [`Self::adopt_reserved`] moves the keys over
    /// once it is ready.
    ///
    /// A load reserves for all its expected keys at once: 460 MB for 10
    /// million, whose page faults and filling took a quarter of a second.
    /// Done in place, that was a quarter of a second with the reading thread
    /// busy and every other thread waiting for rows. The keys that arrive
    /// meanwhile are few, and moving them is quick.
    pub(crate) fn reserve_in_background(&mut self, additional: usize) {
        let slots = self.slots_for(additional);
        if slots > self.slots.len() && self.making.is_none() {
            self.making = Some(std::thread::spawn(move || vec![FREE; slots]));
        }
    }

    /// Takes over the table [`Self::reserve_in_background`] made, if it is
    /// ready (or `wait`), moving the keys into it.
    pub(crate) fn adopt_reserved(&mut self, wait: bool) {
        let ready = self
            .making
            .as_ref()
            .is_some_and(|m| wait || m.is_finished());
        if !ready {
            return;
        }
        let made = self.making.take().map(std::thread::JoinHandle::join);
        if let Some(Ok(table)) = made
            && table.len() > self.slots.len()
        {
            self.move_into(table);
        }
        // Otherwise the table grew past the made one meanwhile, or the
        // thread panicked; either way it goes on growing in place.
        self.reserve(0);
    }

    /// The slots to hold `additional` more keys, or the current count.
    fn slots_for(&self, additional: usize) -> usize {
        let need = self.len.saturating_add(additional);
        // At most 70 % full: 10 × need ≤ 7 × slots.
        if need.saturating_mul(10) > self.slots.len().saturating_mul(7) {
            // Growing by one key at a time goes up by half the table, so
            // that inserting n keys copies O(n) slots in all.
            let at_least = need.saturating_mul(10) / 7 + 1;
            at_least.max(self.slots.len().saturating_mul(3) / 2).max(16)
        } else {
            self.slots.len()
        }
    }

    fn rebuild(&mut self, slots: usize) {
        self.move_into(vec![FREE; slots]);
    }

    fn move_into(&mut self, table: Vec<Slot>) {
        let old = std::mem::replace(&mut self.slots, table);
        for s in old.into_iter().filter(|s| s.load != EMPTY) {
            let i = self.find(s.key);
            self.slots[i] = s;
        }
    }

    /// The key's first slot to probe: the key's low 64 bits (uniform)
    /// scaled to the table, by a multiplication instead of a division.
    /// The table is never empty here.
    fn home(&self, key: u128) -> usize {
        ((u128::from(key as u64) * self.slots.len() as u128) >> 64) as usize
    }

    /// The slot holding `key`, else the free slot where it would go. The
    /// table always has free slots (it is at most 70 % full).
    fn find(&self, key: u128) -> usize {
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if s.load == EMPTY || s.key == key {
                return i;
            }
            i += 1;
            if i == self.slots.len() {
                i = 0;
            }
        }
    }

    /// The key's row hash and load, if the index has the key.
    #[cfg(test)]
    pub(crate) fn get(&self, key: u128) -> Option<(u64, i64)> {
        if self.slots.is_empty() {
            return None;
        }
        let s = self.slots[self.find(key)];
        (s.load != EMPTY).then_some((s.row_hash, s.load))
    }

    /// Asks the CPU to fetch the cache lines of the key's first slots, so
    /// that the check that follows finds them in cache; the fetches of
    /// several keys wait for memory together.
    ///
    /// Two lines (four slots): at 70 % full a new key's probe runs past its
    /// home line about half the time. On x86-64 this is the `prefetcht0`
    /// instruction, which, unlike a read, retires at once, so the CPU keeps
    /// many more misses in flight; a micro-benchmark of 10 million new keys
    /// went from about 80 to 55 ns a key. Elsewhere it is a plain read of
    /// the home slot.
    pub(crate) fn prefetch(&self, key: u128) {
        let Some(home) = self.slots.get(self.home_or_zero(key)) else {
            return;
        };
        #[cfg(target_arch = "x86_64")]
        prefetch_two_lines(std::ptr::from_ref(home).cast());
        #[cfg(not(target_arch = "x86_64"))]
        std::hint::black_box(home.load);
    }

    /// [`Self::home`], or 0 for an empty table (whose `get` then fails).
    fn home_or_zero(&self, key: u128) -> usize {
        if self.slots.is_empty() {
            0
        } else {
            self.home(key)
        }
    }

    /// The key's value if the index has the key; otherwise stores `value`
    /// for it and returns `None`. One probe either way.
    pub(crate) fn get_or_insert(&mut self, key: u128, value: (u64, i64)) -> Option<(u64, i64)> {
        self.reserve(1);
        let i = self.find(key);
        let s = &mut self.slots[i];
        if s.load != EMPTY {
            return Some((s.row_hash, s.load));
        }
        *s = Slot {
            key,
            row_hash: value.0,
            load: value.1,
        };
        self.len += 1;
        None
    }

    /// Stores `value` for the key, replacing what it had.
    pub(crate) fn insert(&mut self, key: u128, value: (u64, i64)) {
        self.reserve(1);
        let i = self.find(key);
        if self.slots[i].load == EMPTY {
            self.len += 1;
        }
        self.slots[i] = Slot {
            key,
            row_hash: value.0,
            load: value.1,
        };
    }
}

/// Fetches the cache line at `at` and the next one into every cache level.
///
/// The one `unsafe` of the workspace: `_mm_prefetch` is an `unsafe fn`
/// only because it takes a raw pointer. A prefetch is a hint: it never
/// faults, whatever the address, and reads nothing into the program, so no
/// pointer here can cause undefined behaviour.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
fn prefetch_two_lines(at: *const i8) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: see above; `wrapping_add` computes the next line's address
    // without claiming it is inside the allocation.
    unsafe {
        _mm_prefetch::<_MM_HINT_T0>(at);
        _mm_prefetch::<_MM_HINT_T0>(at.wrapping_add(64));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::KeyIndex;

    #[test]
    fn it_agrees_with_a_hash_map_through_growth_collisions_and_replacement() {
        // An independent computation: std's HashMap under the same calls.
        let mut index = KeyIndex::default();
        let mut map: HashMap<u128, (u64, i64)> = HashMap::new();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for step in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Few distinct low bits: many keys share a home slot.
            let key = (u128::from(x % 50_000) << 64) | u128::from(x % 64);
            let value = (step, (step % 5) as i64 + 1);
            if step % 3 == 0 {
                index.insert(key, value);
                map.insert(key, value);
            } else {
                let had = map.get(&key).copied();
                assert_eq!(index.get_or_insert(key, value), had);
                map.entry(key).or_insert(value);
            }
        }
        assert_eq!(index.len(), map.len());
        for (k, v) in &map {
            assert_eq!(index.get(*k), Some(*v));
        }
        assert_eq!(index.get(u128::MAX), None);
    }

    #[test]
    fn reserving_once_makes_room_without_growing() {
        let mut index = KeyIndex::default();
        index.reserve(1_000);
        let slots = index.slots.len();
        assert!(slots * 7 >= 1_000 * 10, "{slots} slots");
        assert!(
            slots < 1_500,
            "sized to the keys, not a power of two: {slots}"
        );
        for k in 0..1_000u128 {
            assert_eq!(index.get_or_insert(k * 0x1_0000_0001, (1, 1)), None);
        }
        assert_eq!(index.slots.len(), slots);
        assert_eq!(index.len(), 1_000);
        assert_eq!(KeyIndex::default().get(7), None);
    }

    /// Keys inserted while the table is made elsewhere are all there after
    /// it is adopted, and it has the reserved size.
    #[test]
    fn a_table_reserved_in_the_background_takes_the_keys_so_far() {
        let mut index = KeyIndex::default();
        for k in 0..500u128 {
            index.insert(k * 0x9E37_79B9_7F4A_7C15, (k as u64, 3));
        }
        index.reserve_in_background(100_000);
        for k in 500..5_000u128 {
            assert_eq!(
                index.get_or_insert(k * 0x9E37_79B9_7F4A_7C15, (k as u64, 4)),
                None
            );
            if k == 2_000 {
                index.adopt_reserved(false);
            }
        }
        index.adopt_reserved(true);
        assert!(
            index.slots.len() * 7 >= 100_500 * 10,
            "{}",
            index.slots.len()
        );
        assert_eq!(index.len(), 5_000);
        for k in 0..5_000u128 {
            let load = if k < 500 { 3 } else { 4 };
            assert_eq!(index.get(k * 0x9E37_79B9_7F4A_7C15), Some((k as u64, load)));
        }
        // Nothing pending: adopting again changes nothing.
        let slots = index.slots.len();
        index.adopt_reserved(true);
        assert_eq!(index.slots.len(), slots);
    }

    #[test]
    fn keys_hashing_to_the_last_slots_wrap_around_to_the_first() {
        let mut index = KeyIndex::default();
        index.reserve(10);
        // Low 64 bits near the top: their home is the last slot.
        let keys: Vec<u128> = (0..10u128)
            .map(|i| (i << 64) | u128::from(u64::MAX - i as u64))
            .collect();
        for (n, k) in keys.iter().enumerate() {
            assert_eq!(index.get_or_insert(*k, (n as u64, 1)), None);
        }
        for (n, k) in keys.iter().enumerate() {
            assert_eq!(index.get(*k), Some((n as u64, 1)));
        }
    }
}
