//! A small deterministic mutator: byte flips, insertions, deletions, duplicated chunks and tokens of
//! the input's language spliced in, driven by a seeded xorshift generator so a run is repeatable.

/// A xorshift64* generator: deterministic for a seed, good enough to pick mutations.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (0 is replaced by a fixed odd constant).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 { 0x9e37_79b9_7f4a_7c15 } else { seed })
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }
}

/// Tokens that make mutations reach deeper than random bytes: CSDL and XML for the pipeline, JSON and
/// OData annotations for payloads.
pub const CSDL_TOKENS: &[&str] = &[
    "<",
    ">",
    "/>",
    "</",
    "\"",
    "&amp;",
    "&#x0;",
    "<![CDATA[",
    "<!--",
    "-->",
    "<?xml ?>",
    "<!DOCTYPE x>",
    " Name=\"a\"",
    " Type=\"Edm.String\"",
    " Type=\"Collection(",
    " BaseType=\"",
    " Abstract=\"true\"",
    " Nullable=\"false\"",
    " IsFlags=\"true\"",
    " Value=\"18446744073709551615\"",
    "<Key><PropertyRef Name=\"id\"/></Key>",
    "<Property Name=\"x\" Type=\"Edm.Int32\"/>",
    "<NavigationProperty Name=\"n\" Type=\"",
    "<EntityType Name=\"t\">",
    "</EntityType>",
    "<ComplexType Name=\"c\">",
    "</ComplexType>",
    "<EnumType Name=\"e\"><Member Name=\"m\"/></EnumType>",
    "<Annotation Term=\"Core.Description\" String=\"d\"/>",
    "<Function Name=\"f\"><ReturnType Type=\"Edm.Int32\"/></Function>",
    "<Action Name=\"a\" IsBound=\"true\"><Parameter Name=\"p\" Type=\"",
    "Alias=\"Self\"",
    "Self.",
    "Edm.",
    "Edm.GeographyPoint",
    "Edm.Stream",
    "Edm.Decimal",
    "type",
    "Self",
    "Err",
    "\u{feff}",
    "\u{0}",
    "é",
];

/// JSON tokens and OData annotations.
pub const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e400",
    "\"INF\"",
    "\"NaN\"",
    "\"9223372036854775808\"",
    "\"@odata.type\"",
    "\"#microsoft.graph.",
    "\"@odata.context\"",
    "\"value\"",
    "\"@odata.nextLink\"",
    "\"id\"",
    "\"2020-02-04T07:00:00Z\"",
    "\"P1D\"",
    "\"AAAA\"",
    "\\u0000",
    "\\ud800",
];

/// One mutation of `input`, using `tokens` for splices.
pub fn mutate(input: &[u8], rng: &mut Rng, tokens: &[&str]) -> Vec<u8> {
    let mut out = input.to_vec();
    // Mostly one or two mutations: more and nearly every input stops at the first syntax error.
    for _ in 0..=rng.below(2) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let index = at.min(out.len() - 1);
                out[index] ^= 1 << rng.below(8);
            }
            1 => out.insert(at, rng.next_u64() as u8),
            2 if !out.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(64)).min(out.len());
                let chunk = out[start..end].to_vec();
                out.splice(at..at, chunk);
            }
            _ => {
                let token = tokens[rng.below(tokens.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
        }
    }
    out
}
