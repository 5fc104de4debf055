//! Flag sets: CSDL enum types with `IsFlags="true"`.
//!
//! In JSON a flags value is one string of member names separated by commas (`"read,write"`).
//! The generator emits a plain fieldless enum of the members with a [`FlagMember`] impl and
//! uses [`FlagSet<Member>`] as the property type. Names that match no member are kept and
//! written back after the known ones, so a newer service value survives a round trip.
//!
//! ```
//! use odata_runtime::{FlagMember, FlagSet};
//!
//! #[derive(Clone, Copy, Debug, PartialEq, Eq)]
//! pub enum Permission { Read, Write, Delete }
//!
//! impl FlagMember for Permission {
//!     const NAMES: &'static [&'static str] = &["read", "write", "delete"];
//!     fn index(self) -> usize {
//!         self as usize
//!     }
//!     fn from_index(index: usize) -> Option<Self> {
//!         match index {
//!             0 => Some(Self::Read),
//!             1 => Some(Self::Write),
//!             2 => Some(Self::Delete),
//!             _ => None,
//!         }
//!     }
//! }
//!
//! let set: FlagSet<Permission> = serde_json::from_str(r#""write, read,archive""#).unwrap();
//! assert!(set.contains(Permission::Read) && !set.contains(Permission::Delete));
//! assert_eq!(set.unknown().collect::<Vec<_>>(), ["archive"]);
//! assert_eq!(serde_json::to_string(&set).unwrap(), r#""read,write,archive""#);
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::open_enum::member_index;

/// A member of a flags enum: a fieldless enum whose variants are numbered in declaration order.
pub trait FlagMember: Copy {
    /// CSDL member names, in declaration order.
    const NAMES: &'static [&'static str];

    /// Position of this member in [`NAMES`](Self::NAMES).
    fn index(self) -> usize;

    /// The member at `index` in [`NAMES`](Self::NAMES), or `None` when out of range.
    fn from_index(index: usize) -> Option<Self>;

    /// The member's CSDL name.
    fn name(self) -> &'static str {
        Self::NAMES.get(self.index()).copied().unwrap_or("")
    }
}

/// A generated flags enum's [`FlagMember`] impl, from its member table: one line per member,
/// `index Variant = "name";`.
///
/// ```
/// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
/// pub enum Day { Monday, Tuesday }
///
/// odata_runtime::flags! {
///     Day;
///     0 Monday = "monday";
///     1 Tuesday = "tuesday";
/// }
///
/// let days: odata_runtime::FlagSet<Day> = serde_json::from_str(r#""tuesday,monday""#)?;
/// assert!(days.contains(Day::Monday) && days.contains(Day::Tuesday));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! flags {
    (
        $ty:ident;
        $($index:literal $variant:ident = $name:literal;)*
    ) => {
        impl $crate::FlagMember for $ty {
            const NAMES: &'static [&'static str] = &[$($name),*];
            fn index(self) -> usize {
                match self {
                    $(Self::$variant => $index,)*
                }
            }
            fn from_index(index: usize) -> ::core::option::Option<Self> {
                match index {
                    $($index => ::core::option::Option::Some(Self::$variant),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
}

/// Number of members stored as bits. Later members (no Graph flags enum has more than 26) are
/// stored by name in input order, which keeps them correct, only slower.
const BITS: usize = 64;

/// A set of flags-enum members plus any names the enum did not know.
pub struct FlagSet<F> {
    bits: u64,
    other: Vec<String>,
    member: PhantomData<fn() -> F>,
}

impl<F: FlagMember> FlagSet<F> {
    /// The empty set.
    pub const fn new() -> Self {
        Self { bits: 0, other: Vec::new(), member: PhantomData }
    }

    /// Parses `"a,b,c"`: names match exactly, then ignoring ASCII case; unknown names are kept.
    ///
    /// Spaces around names and empty items (`"a,,b"`) are ignored; repeated names count once.
    pub fn parse(text: &str) -> Self {
        let mut set = Self::new();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            set.insert_name(name);
        }
        set
    }

    /// Adds a member given by name (kept as unknown when it matches none).
    pub fn insert_name(&mut self, name: &str) {
        match member_index(F::NAMES, name) {
            Some(index) => self.insert_index(index),
            None => {
                if !self.other.iter().any(|o| o == name) {
                    self.other.push(name.to_owned());
                }
            }
        }
    }

    /// Adds `member`.
    pub fn insert(&mut self, member: F) {
        self.insert_index(member.index());
    }

    /// Adds `member` and returns the set, for building sets in one expression.
    #[must_use]
    pub fn with(mut self, member: F) -> Self {
        self.insert(member);
        self
    }

    /// Removes `member`; returns whether it was present.
    pub fn remove(&mut self, member: F) -> bool {
        let index = member.index();
        if index < BITS {
            let present = self.bits & (1 << index) != 0;
            self.bits &= !(1 << index);
            present
        } else {
            let name = member.name();
            let before = self.other.len();
            self.other.retain(|o| o != name);
            before != self.other.len()
        }
    }

    /// Whether `member` is in the set.
    pub fn contains(&self, member: F) -> bool {
        self.contains_index(member.index())
    }

    /// Whether the set has no members and no unknown names.
    pub fn is_empty(&self) -> bool {
        self.bits == 0 && self.other.is_empty()
    }

    /// The known members in the set, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = F> + '_ {
        (0..F::NAMES.len()).filter(|&i| self.contains_index(i)).filter_map(F::from_index)
    }

    /// Names in the set that matched no member, in input order.
    pub fn unknown(&self) -> impl Iterator<Item = &str> + '_ {
        // Members past the bit capacity are stored by name too; they are not unknown.
        let high = F::NAMES.get(BITS..).unwrap_or_default();
        self.other.iter().map(String::as_str).filter(move |o| !high.contains(o))
    }

    fn insert_index(&mut self, index: usize) {
        if index < BITS {
            self.bits |= 1 << index;
        } else if let Some(name) = F::NAMES.get(index)
            && !self.other.iter().any(|o| o == name)
        {
            self.other.push((*name).to_owned());
        }
    }

    fn contains_index(&self, index: usize) -> bool {
        if index < BITS {
            self.bits & (1 << index) != 0
        } else {
            F::NAMES.get(index).is_some_and(|name| self.other.iter().any(|o| o == name))
        }
    }
}

impl<F: FlagMember> Default for FlagSet<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F> Clone for FlagSet<F> {
    fn clone(&self) -> Self {
        Self { bits: self.bits, other: self.other.clone(), member: PhantomData }
    }
}

impl<F> PartialEq for FlagSet<F> {
    /// Equal when the same members are set and the same unknown names appear (in any order).
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
            && self.other.len() == other.other.len()
            && self.other.iter().all(|n| other.other.contains(n))
    }
}

impl<F> Eq for FlagSet<F> {}

impl<F: FlagMember> From<F> for FlagSet<F> {
    fn from(member: F) -> Self {
        Self::new().with(member)
    }
}

impl<F: FlagMember> FromIterator<F> for FlagSet<F> {
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
        let mut set = Self::new();
        set.extend(iter);
        set
    }
}

impl<F: FlagMember> Extend<F> for FlagSet<F> {
    fn extend<I: IntoIterator<Item = F>>(&mut self, iter: I) {
        for member in iter {
            self.insert(member);
        }
    }
}

impl<F: FlagMember> std::str::FromStr for FlagSet<F> {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::parse(s))
    }
}

/// Writes `"a,b,c"`: known members in declaration order, then unknown names.
impl<F: FlagMember> fmt::Display for FlagSet<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_names(f, F::NAMES, self.bits, &self.other)
    }
}

impl<F: FlagMember> fmt::Debug for FlagSet<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FlagSet(\"{self}\")")
    }
}

/// Shared by every flags type, so it is compiled once.
fn write_names(f: &mut dyn fmt::Write, names: &[&str], bits: u64, other: &[String]) -> fmt::Result {
    let known = names.iter().take(BITS).enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, n)| *n);
    let all = known.chain(other.iter().map(String::as_str));
    for (i, name) in all.enumerate() {
        if i > 0 {
            f.write_char(',')?;
        }
        f.write_str(name)?;
    }
    Ok(())
}

impl<F: FlagMember> Serialize for FlagSet<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, F: FlagMember> Deserialize<'de> for FlagSet<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor<F>(PhantomData<F>);

        impl<F: FlagMember> Visitor<'_> for SetVisitor<F> {
            type Value = FlagSet<F>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a comma-separated list of flag names")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<FlagSet<F>, E> {
                Ok(FlagSet::parse(v))
            }
        }

        deserializer.deserialize_str(SetVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Day {
        None,
        Monday,
        Tuesday,
        Wednesday,
    }

    impl FlagMember for Day {
        const NAMES: &'static [&'static str] = &["none", "monday", "tuesday", "wednesday"];

        fn index(self) -> usize {
            self as usize
        }

        fn from_index(index: usize) -> Option<Self> {
            [Self::None, Self::Monday, Self::Tuesday, Self::Wednesday].get(index).copied()
        }
    }

    fn parse(json: &str) -> FlagSet<Day> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn writes_declaration_order_then_unknown() {
        let set = parse(r#""wednesday,friday, monday,  sunday""#);
        assert_eq!(set.iter().collect::<Vec<_>>(), [Day::Monday, Day::Wednesday]);
        assert_eq!(set.unknown().collect::<Vec<_>>(), ["friday", "sunday"]);
        assert_eq!(serde_json::to_string(&set).unwrap(), r#""monday,wednesday,friday,sunday""#);
    }

    #[test]
    fn case_insensitive_names_and_duplicates() {
        let set = parse(r#""Monday,MONDAY,tuesday""#);
        assert_eq!(set.to_string(), "monday,tuesday");
    }

    #[test]
    fn empty_and_zero_member() {
        let empty = parse(r#""""#);
        assert!(empty.is_empty());
        assert_eq!(serde_json::to_string(&empty).unwrap(), r#""""#);
        let none = parse(r#""none""#);
        assert!(none.contains(Day::None));
        assert_eq!(none.to_string(), "none");
    }

    #[test]
    fn insert_remove_contains() {
        let mut set: FlagSet<Day> = [Day::Tuesday].into_iter().collect();
        set.insert(Day::Monday);
        assert!(set.contains(Day::Monday));
        assert!(set.remove(Day::Monday));
        assert!(!set.remove(Day::Monday));
        assert_eq!(set, FlagSet::from(Day::Tuesday));
        assert_eq!(format!("{set:?}"), "FlagSet(\"tuesday\")");
    }

    #[test]
    fn non_string_is_an_error() {
        assert!(serde_json::from_str::<FlagSet<Day>>("3").is_err());
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    struct Many(usize);

    const MANY: [&str; 70] = [
        "m00", "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12", "m13", "m14", "m15",
        "m16", "m17", "m18", "m19", "m20", "m21", "m22", "m23", "m24", "m25", "m26", "m27", "m28", "m29", "m30", "m31",
        "m32", "m33", "m34", "m35", "m36", "m37", "m38", "m39", "m40", "m41", "m42", "m43", "m44", "m45", "m46", "m47",
        "m48", "m49", "m50", "m51", "m52", "m53", "m54", "m55", "m56", "m57", "m58", "m59", "m60", "m61", "m62", "m63",
        "m64", "m65", "m66", "m67", "m68", "m69",
    ];

    impl FlagMember for Many {
        const NAMES: &'static [&'static str] = &MANY;

        fn index(self) -> usize {
            self.0
        }

        fn from_index(index: usize) -> Option<Self> {
            (index < 70).then_some(Self(index))
        }
    }

    #[test]
    fn members_past_64_still_work() {
        let set: FlagSet<Many> = serde_json::from_str(r#""m66,m01,zzz""#).unwrap();
        assert!(set.contains(Many(66)) && set.contains(Many(1)));
        assert_eq!(set.iter().collect::<Vec<_>>(), [Many(1), Many(66)]);
        assert_eq!(set.to_string(), "m01,m66,zzz");
        assert_eq!(set.unknown().collect::<Vec<_>>(), ["zzz"]);
    }
}
