//! Reader and writers for `Edm.Binary`.

use std::borrow::Cow;
use std::fmt;

use base64::Engine as _;
use base64::alphabet;
use base64::display::Base64Display;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserializer, Serializer};

/// Unpadded base64url for writing; padding optional when reading. Stray bits after the last byte are
/// refused: text such as `"Binary"` is not the encoding of any bytes, and accepting it would write back
/// other text (`"Binarw"`).
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(false),
);

/// The unpadded base64url text of `bytes`.
pub(crate) fn display(bytes: &[u8]) -> impl fmt::Display + '_ {
    Base64Display::new(bytes, &URL_SAFE)
}

/// Padded standard base64, as .NET's `Convert.ToBase64String` writes it.
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, GeneralPurposeConfig::new());

pub(crate) fn ser_url_safe<S: Serializer>(value: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&Base64Display::new(value, &URL_SAFE))
}

pub(crate) fn ser_standard<S: Serializer>(value: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&Base64Display::new(value, &STANDARD))
}

pub(crate) fn de_binary<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    deserializer.deserialize_str(BinaryVisitor)
}

/// Decodes base64url or standard base64 (even mixed), padded or not, ignoring whitespace.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let needs_rewrite = text.bytes().any(|b| b == b'+' || b == b'/' || b.is_ascii_whitespace());
    let text: Cow<'_, [u8]> = if needs_rewrite {
        Cow::Owned(
            text.bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .map(|b| match b {
                    b'+' => b'-',
                    b'/' => b'_',
                    other => other,
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text.as_bytes())
    };
    URL_SAFE.decode(text).ok()
}

struct BinaryVisitor;

impl Visitor<'_> for BinaryVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64url or base64 string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        decode(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::decode;
    use crate::edm::{binary, binary_standard};
    use serde_json::json;

    // 0xFB 0xFF 0xBF encodes to "+/+/" in standard base64 and "-_-_" in base64url.
    const BYTES: [u8; 4] = [0xFB, 0xFF, 0xBF, 0x01];

    #[test]
    fn writes_unpadded_base64url() {
        assert_eq!(serde_json::to_string(&binary::Ser(&BYTES.to_vec())).unwrap(), r#""-_-_AQ""#);
        assert_eq!(serde_json::to_string(&binary_standard::Ser(&BYTES.to_vec())).unwrap(), r#""+/+/AQ==""#);
    }

    #[test]
    fn reads_every_alphabet_and_padding() {
        for text in ["-_-_AQ", "-_-_AQ==", "+/+/AQ==", "+/+/AQ", "-/+_AQ", "+/+/\r\nAQ=="] {
            assert_eq!(decode(text).as_deref(), Some(&BYTES[..]), "{text:?}");
        }
        assert_eq!(decode("").as_deref(), Some(&[][..]));
        assert_eq!(decode("T0RhdGE").as_deref(), Some(&b"OData"[..]));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(decode("a"), None);
        assert_eq!(decode("ab$c"), None);
        // Non-canonical: the last character carries bits that no byte holds.
        assert_eq!(decode("Binary"), None);
        assert_eq!(decode("Binarw").map(|b| b.len()), Some(4));
        assert!(binary::deserialize(json!(5)).is_err());
        assert!(binary::deserialize(json!("***")).is_err());
    }

    #[test]
    fn option_round_trip() {
        let v: Option<Vec<u8>> = binary::option::deserialize(json!("AQID")).unwrap();
        assert_eq!(v.as_deref(), Some(&[1, 2, 3][..]));
        assert_eq!(serde_json::to_string(&binary::option::Ser(&v)).unwrap(), r#""AQID""#);
        let v: Vec<Vec<u8>> = binary_standard::vec::deserialize(json!(["AQ==", "Ag"])).unwrap();
        assert_eq!(v, [vec![1], vec![2]]);
    }
}
