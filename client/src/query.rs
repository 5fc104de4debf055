//! [`Query`]: the system query options of a request (`$select`, `$filter`, ...).
//!
//! Values are OData expressions written as text; the query percent-encodes them.
//!
//! ```
//! use odata_client::Query;
//!
//! let query = Query::new()
//!     .select(["ID", "title"])
//!     .filter("price lt 10 and title ne 'O''Brien'")
//!     .order_by("price desc")
//!     .top(5)
//!     .count(true);
//! assert_eq!(
//!     query.to_query_string(),
//!     "$select=ID,title&$filter=price%20lt%2010%20and%20title%20ne%20'O''Brien'&$orderby=price%20desc&$top=5&$count=true"
//! );
//! ```

use std::fmt::Write as _;

/// The query options of one request, in the order they were set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    options: Vec<(String, String)>,
}

impl Query {
    /// No options.
    pub fn new() -> Query {
        Query::default()
    }

    /// Sets option `name` (replacing an earlier value): a system option (`$apply`) or a custom one.
    pub fn option(mut self, name: impl Into<String>, value: impl Into<String>) -> Query {
        let name = name.into();
        let value = value.into();
        match self.options.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.options.push((name, value)),
        }
        self
    }

    /// `$select`: the properties to return.
    pub fn select<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Query {
        self.option("$select", join(properties))
    }

    /// `$expand`: navigation properties to return inline, each possibly with options in
    /// parentheses (`items($select=pos;$top=2)`).
    pub fn expand<I: IntoIterator<Item = S>, S: AsRef<str>>(self, navigations: I) -> Query {
        self.option("$expand", join(navigations))
    }

    /// Adds a navigation property to `$expand` with options of its own:
    /// `items($select=pos;$top=2)`. The nested options are written unencoded (the whole `$expand`
    /// value is encoded once).
    pub fn expand_with(self, navigation: impl AsRef<str>, options: Query) -> Query {
        let mut item = navigation.as_ref().to_owned();
        if !options.is_empty() {
            item.push('(');
            for (i, (name, value)) in options.options.iter().enumerate() {
                if i > 0 {
                    item.push(';');
                }
                item.push_str(name);
                item.push('=');
                item.push_str(value);
            }
            item.push(')');
        }
        let expand = match self.get("$expand") {
            Some(earlier) if !earlier.is_empty() => format!("{earlier},{item}"),
            _ => item,
        };
        self.option("$expand", expand)
    }

    /// `$apply`: aggregation transformations, as text (`groupby((status),aggregate(total with sum as sum))`).
    pub fn apply(self, transformations: impl Into<String>) -> Query {
        self.option("$apply", transformations)
    }

    /// `$filter`: a boolean expression (`price lt 10`), as text or built with [`filter`](crate::filter).
    pub fn filter(self, expression: impl Into<String>) -> Query {
        self.option("$filter", expression)
    }

    /// `$orderby`: `price desc,title`.
    pub fn order_by(self, order: impl Into<String>) -> Query {
        self.option("$orderby", order)
    }

    /// `$top`: at most this many items.
    pub fn top(self, top: u64) -> Query {
        self.option("$top", top.to_string())
    }

    /// `$skip`: leave out this many items first.
    pub fn skip(self, skip: u64) -> Query {
        self.option("$skip", skip.to_string())
    }

    /// `$count`: whether to include `@odata.count` (the total) in a page.
    pub fn count(self, count: bool) -> Query {
        self.option("$count", if count { "true" } else { "false" })
    }

    /// `$search`: a free-text search expression.
    pub fn search(self, expression: impl Into<String>) -> Query {
        self.option("$search", expression)
    }

    /// The value of option `name`, as set (not encoded).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.options.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Whether no option is set.
    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }

    /// The options as a percent-encoded query string without the leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        for (i, (name, value)) in self.options.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            encode_into(name, &mut out);
            out.push('=');
            encode_into(value, &mut out);
        }
        out
    }

    /// `url` with these options appended (after `?`, or `&` when it has a query already).
    pub fn apply_to(&self, url: &str) -> String {
        if self.options.is_empty() {
            return url.to_owned();
        }
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}{}", self.to_query_string())
    }
}

fn join<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item.as_ref());
    }
    out
}

/// Percent-encodes a query name or value: keeps unreserved characters and the ones OData
/// expressions use that mean nothing special in a query (`'(),:/@!*$;=`: a value's `=` is safe, names end at the first one).
fn encode_into(text: &str, out: &mut String) {
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~'(),:/@!*$;=".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_what_a_query_reserves() {
        let query = Query::new().filter("a eq 'x&y=z' or b eq 'ä#+'").search("\"blue pen\"");
        assert_eq!(
            query.to_query_string(),
            "$filter=a%20eq%20'x%26y=z'%20or%20b%20eq%20'%C3%A4%23%2B'&$search=%22blue%20pen%22"
        );
    }

    #[test]
    fn nested_expands_join_their_options_with_semicolons() {
        let query = Query::new()
            .expand(["customer"])
            .expand_with("items", Query::new().select(["pos", "quantity"]).filter("quantity gt 1").top(2))
            .expand_with("notes", Query::new());
        assert_eq!(
            query.get("$expand"),
            Some("customer,items($select=pos,quantity;$filter=quantity gt 1;$top=2),notes")
        );
        assert_eq!(
            query.to_query_string(),
            "$expand=customer,items($select=pos,quantity;$filter=quantity%20gt%201;$top=2),notes"
        );
    }

    #[test]
    fn later_values_replace_earlier_ones() {
        let query = Query::new().top(1).skip(2).top(3).expand(["items($select=pos)", "customer"]);
        assert_eq!(query.to_query_string(), "$top=3&$skip=2&$expand=items($select=pos),customer");
        assert_eq!(query.apply_to("Orders?x=1"), "Orders?x=1&$top=3&$skip=2&$expand=items($select=pos),customer");
        assert_eq!(Query::new().apply_to("Orders"), "Orders");
    }
}
