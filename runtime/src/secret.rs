//! Redacted `Debug` output for secret properties (`password`, `clientSecret`, `pkcs12Value`...).
//!
//! Generated structs with secret properties implement `Debug` by hand and print those fields
//! through [`Redacted`], which shows whether a value is set but never the value. Serialization
//! is unaffected: the JSON still carries the secret.
//!
//! ```
//! use odata_runtime::secret::Redacted;
//! use std::fmt;
//!
//! struct BasicAuthentication {
//!     username: Option<String>,
//!     password: Option<String>,
//! }
//!
//! impl fmt::Debug for BasicAuthentication {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         f.debug_struct("BasicAuthentication")
//!             .field("username", &self.username)
//!             .field("password", &Redacted::option(&self.password))
//!             .finish()
//!     }
//! }
//!
//! let auth = BasicAuthentication { username: Some("u".into()), password: Some("hunter2".into()) };
//! assert_eq!(
//!     format!("{auth:?}"),
//!     r#"BasicAuthentication { username: Some("u"), password: Some(<redacted>) }"#
//! );
//! ```

use std::fmt;

/// The text printed in place of a secret value.
pub const REDACTED: &str = "<redacted>";

/// A `Debug` stand-in for a secret: prints `Some(<redacted>)` or `None`, or `<redacted>` for a
/// value that is always present.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted {
    shape: Shape,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    Some,
    None,
    Unset,
    Null,
    Value,
}

impl Redacted {
    /// For an optional secret: tells whether it is set.
    pub fn option<T>(value: &Option<T>) -> Self {
        let shape = if value.is_some() { Shape::Some } else { Shape::None };
        Self { shape }
    }

    /// For a secret in a write model: tells whether it is unset, `Null`, or set.
    pub fn update<T>(value: &crate::Update<T>) -> Self {
        let shape = match value {
            crate::Update::Unset => Shape::Unset,
            crate::Update::Null => Shape::Null,
            crate::Update::Value(_) => Shape::Value,
        };
        Self { shape }
    }

    /// For a secret that is always present (a required property, a collection).
    pub fn value<T: ?Sized>(_value: &T) -> Self {
        Self { shape: Shape::Plain }
    }
}

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shape {
            Shape::Plain => f.write_str(REDACTED),
            Shape::Some => write!(f, "Some({REDACTED})"),
            Shape::None => f.write_str("None"),
            Shape::Unset => f.write_str("Unset"),
            Shape::Null => f.write_str("Null"),
            Shape::Value => write!(f, "Value({REDACTED})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_value() {
        let set = Some(String::from("s3cr3t"));
        let printed = format!("{:?}", Redacted::option(&set));
        assert_eq!(printed, "Some(<redacted>)");
        assert!(!printed.contains("s3cr3t"));
        assert_eq!(format!("{:?}", Redacted::option::<String>(&None)), "None");
        assert_eq!(format!("{:?}", Redacted::value("s3cr3t")), "<redacted>");
        assert_eq!(format!("{:?}", Redacted::update(&crate::Update::Value("s3cr3t"))), "Value(<redacted>)");
        assert_eq!(format!("{:?}", Redacted::update::<String>(&crate::Update::Null)), "Null");
        // Pretty printing keeps the same text.
        assert_eq!(format!("{:#?}", Redacted::option(&set)), "Some(<redacted>)");
    }
}
