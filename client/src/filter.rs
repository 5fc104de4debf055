//! Typed `$filter` and `$orderby` expressions built from the members of the generated types.
//!
//! Every generated read model has a constant per property ([`Member`], e.g. `Orders::TOTAL`). The
//! [`Compare`] trait gives them comparisons that take a value of the property's type and write it
//! with the runtime's literal writer; [`Filter`]s combine with [`and`](Filter::and),
//! [`or`](Filter::or) and [`not`](Filter::not); collection members have [`any`](Compare::any) and
//! [`all`](Compare::all); a complex member leads to its own members with [`then`](Compare::then).
//! What the builder cannot say goes in as text with [`Filter::raw`].
//!
//! ```
//! # odata_runtime::record! {
//! #     /// An order.
//! #     pub struct Order = "#shop.Order" {
//! #         total: Option<f64> = "total" as TOTAL,
//! #         status: Option<String> = "status" as STATUS,
//! #         items: Option<Vec<Item>> = "items" as ITEMS,
//! #     }
//! #     lookup = [2, 1, 0];
//! # }
//! # odata_runtime::record! {
//! #     /// An item.
//! #     pub struct Item = "#shop.Item" { quantity: Option<i32> = "quantity" as QUANTITY, }
//! #     lookup = [0];
//! # }
//! use odata_client::Query;
//! use odata_client::filter::Compare as _;
//!
//! let filter = Order::TOTAL.lt(10.5)
//!     .and(Order::STATUS.eq("new").or(Order::STATUS.starts_with("re")))
//!     .and(Order::ITEMS.any(|item| item.member(Item::QUANTITY).gt(2)));
//! assert_eq!(
//!     filter.to_string(),
//!     "total lt 10.5 and (status eq 'new' or startswith(status,'re')) and items/any(x:x/quantity gt 2)"
//! );
//! let query = Query::new().filter(filter).order_by(Order::TOTAL.desc());
//! assert_eq!(query.get("$orderby"), Some("total desc"));
//! ```

use std::fmt;
use std::marker::PhantomData;

use odata_runtime::literal::Literal;
use odata_runtime::member::Member;

/// How tightly an expression binds: decides where [`Filter`] adds parentheses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Binding {
    Or,
    And,
    Atom,
}

/// A boolean expression for `$filter` (or inside `any`/`all`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    text: String,
    binding: Binding,
}

impl Filter {
    /// An expression written as OData text, used as it is (in parentheses when combined).
    pub fn raw(text: impl Into<String>) -> Filter {
        Filter { text: text.into(), binding: Binding::Or }
    }

    fn atom(text: String) -> Filter {
        Filter { text, binding: Binding::Atom }
    }

    fn operand(&self, at_least: Binding) -> String {
        if self.binding >= at_least { self.text.clone() } else { format!("({})", self.text) }
    }

    /// `self and other`.
    pub fn and(self, other: Filter) -> Filter {
        let text = format!("{} and {}", self.operand(Binding::And), other.operand(Binding::And));
        Filter { text, binding: Binding::And }
    }

    /// `self or other`.
    pub fn or(self, other: Filter) -> Filter {
        let text = format!("{} or {}", self.operand(Binding::Or), other.operand(Binding::Or));
        Filter { text, binding: Binding::Or }
    }

    /// `not self`.
    #[allow(clippy::should_implement_trait)] // `!filter` would read as a Rust boolean.
    pub fn not(self) -> Filter {
        Filter::atom(format!("not {}", self.operand(Binding::Atom)))
    }

    /// The expression's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<Filter> for String {
    fn from(filter: Filter) -> String {
        filter.text
    }
}

/// Something a filter can name: a [`Member`], a [`Path`] through complex members, or a lambda
/// variable's member. `Value` is the field type (`Option<...>`).
pub trait Operand {
    /// The field type of what it names.
    type Value;

    /// The path as OData text (`total`, `address/city`, `x/quantity`).
    fn path(&self) -> String;

    /// How many lambda variables are in scope where it is used (names nested variables apart).
    fn depth(&self) -> usize {
        0
    }
}

impl<Owner, Value> Operand for Member<Owner, Value> {
    type Value = Value;

    fn path(&self) -> String {
        self.name().to_owned()
    }
}

/// A path to a member of a complex member, or of a lambda variable: `address/city`, `x/quantity`.
pub struct Path<Value> {
    path: String,
    depth: usize,
    value: PhantomData<fn() -> Value>,
}

impl<Value> Clone for Path<Value> {
    fn clone(&self) -> Self {
        Path { path: self.path.clone(), depth: self.depth, value: PhantomData }
    }
}

impl<Value> fmt::Debug for Path<Value> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({:?})", self.path)
    }
}

impl<Value> Operand for Path<Value> {
    type Value = Value;

    fn path(&self) -> String {
        self.path.clone()
    }

    fn depth(&self) -> usize {
        self.depth
    }
}

/// The variable of an `any`/`all` lambda, standing for one item of the collection.
pub struct Lambda<Item> {
    name: String,
    depth: usize,
    item: PhantomData<fn() -> Item>,
}

impl<Item> Lambda<Item> {
    /// A member of the item: `x/quantity`.
    pub fn member<Value>(&self, member: Member<Item, Value>) -> Path<Value> {
        Path { path: format!("{}/{}", self.name, member.name()), depth: self.depth, value: PhantomData }
    }

    /// The item itself, for collections of primitive values: `tags/any(x:x eq 'red')`.
    pub fn value(&self) -> Path<Option<Item>> {
        Path { path: self.name.clone(), depth: self.depth, value: PhantomData }
    }
}

/// The type inside a field's `Option`: what a comparison takes.
pub trait Field {
    /// `T` of `Option<T>`.
    type Inner;
}

impl<T> Field for Option<T> {
    type Inner = T;
}

/// Comparisons, string functions, lambdas and sort orders on every [`Operand`].
///
/// Values are taken as the property's Rust type (`impl Into<T>`: a `&str` for a `String`
/// property) and written by the runtime's literal writer, quotes and escapes included.
pub trait Compare: Operand + Sized {
    /// `path eq value`.
    fn eq(&self, value: impl Into<Inner<Self>>) -> Filter
    where
        Self::Value: Field<Inner: Literal>,
    {
        comparison(self, "eq", &value.into())
    }

    /// `path ne value`.
    fn ne(&self, value: impl Into<Inner<Self>>) -> Filter
    where
        Self::Value: Field<Inner: Literal>,
    {
        comparison(self, "ne", &value.into())
    }

    /// `path gt value`.
    fn gt(&self, value: impl Into<Inner<Self>>) -> Filter
    where
        Self::Value: Field<Inner: Literal>,
    {
        comparison(self, "gt", &value.into())
    }

    /// `path ge value`.
    fn ge(&self, value: impl Into<Inner<Self>>) -> Filter
    where
        Self::Value: Field<Inner: Literal>,
    {
        comparison(self, "ge", &value.into())
    }

    /// `path lt value`.
    fn lt(&self, value: impl Into<Inner<Self>>) -> Filter
    where
        Self::Value: Field<Inner: Literal>,
    {
        comparison(self, "lt", &value.into())
    }

    /// `path le value`.
    fn le(&self, value: impl Into<Inner<Self>>) -> Filter
    where
        Self::Value: Field<Inner: Literal>,
    {
        comparison(self, "le", &value.into())
    }

    /// `path eq null`.
    fn is_null(&self) -> Filter {
        Filter::atom(format!("{} eq null", self.path()))
    }

    /// `path ne null`.
    fn is_not_null(&self) -> Filter {
        Filter::atom(format!("{} ne null", self.path()))
    }

    /// `contains(path,'text')`.
    fn contains(&self, text: &str) -> Filter
    where
        Self: Operand<Value = Option<String>>,
    {
        function(self, "contains", text)
    }

    /// `startswith(path,'text')`.
    fn starts_with(&self, text: &str) -> Filter
    where
        Self: Operand<Value = Option<String>>,
    {
        function(self, "startswith", text)
    }

    /// `endswith(path,'text')`.
    fn ends_with(&self, text: &str) -> Filter
    where
        Self: Operand<Value = Option<String>>,
    {
        function(self, "endswith", text)
    }

    /// `path/any(x:...)`: some item of the collection satisfies `condition`.
    fn any<Item>(&self, condition: impl FnOnce(Lambda<Item>) -> Filter) -> Filter
    where
        Self: Operand<Value = Option<Vec<Item>>>,
    {
        lambda(self, "any", condition)
    }

    /// `path/all(x:...)`: every item of the collection satisfies `condition`.
    fn all<Item>(&self, condition: impl FnOnce(Lambda<Item>) -> Filter) -> Filter
    where
        Self: Operand<Value = Option<Vec<Item>>>,
    {
        lambda(self, "all", condition)
    }

    /// A member of this complex (or single-valued navigation) member: `address/city`.
    fn then<Value>(&self, member: Member<Inner<Self>, Value>) -> Path<Value>
    where
        Self::Value: Field,
    {
        Path { path: format!("{}/{}", self.path(), member.name()), depth: self.depth(), value: PhantomData }
    }

    /// `path asc`, for `$orderby`.
    fn asc(&self) -> String {
        format!("{} asc", self.path())
    }

    /// `path desc`, for `$orderby`.
    fn desc(&self) -> String {
        format!("{} desc", self.path())
    }
}

impl<T: Operand> Compare for T {}

/// The type a comparison on `O` takes: `T` of the field's `Option<T>`.
pub type Inner<O> = <<O as Operand>::Value as Field>::Inner;

fn comparison(operand: &impl Operand, operator: &str, value: &impl Literal) -> Filter {
    let mut text = format!("{} {operator} ", operand.path());
    value.write_literal(&mut text);
    Filter::atom(text)
}

fn function(operand: &impl Operand, name: &str, text: &str) -> Filter {
    let mut out = format!("{name}({},", operand.path());
    text.write_literal(&mut out);
    out.push(')');
    Filter::atom(out)
}

/// Lambda variable names by nesting depth: `x`, `y`, `z`, then `v3`, `v4`, ...
fn variable(depth: usize) -> String {
    match depth {
        0 => "x".to_owned(),
        1 => "y".to_owned(),
        2 => "z".to_owned(),
        _ => format!("v{depth}"),
    }
}

fn lambda<Item>(operand: &impl Operand, which: &str, condition: impl FnOnce(Lambda<Item>) -> Filter) -> Filter {
    let depth = operand.depth();
    let name = variable(depth);
    let body = condition(Lambda { name: name.clone(), depth: depth + 1, item: PhantomData });
    Filter::atom(format!("{}/{which}({name}:{})", operand.path(), body.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Order;
    struct Item;
    struct Address;

    const TOTAL: Member<Order, Option<f64>> = Member::new("total");
    const NAME: Member<Order, Option<String>> = Member::new("name");
    const TAGS: Member<Order, Option<Vec<String>>> = Member::new("tags");
    const ITEMS: Member<Order, Option<Vec<Item>>> = Member::new("items");
    const ADDRESS: Member<Order, Option<Address>> = Member::new("address");
    const CITY: Member<Address, Option<String>> = Member::new("city");
    const PARTS: Member<Item, Option<Vec<Item>>> = Member::new("parts");
    const QUANTITY: Member<Item, Option<i32>> = Member::new("quantity");

    #[test]
    fn literals_are_quoted_and_escaped() {
        assert_eq!(NAME.eq("O'Brien").to_string(), "name eq 'O''Brien'");
        assert_eq!(TOTAL.ge(2.0).to_string(), "total ge 2.0");
        assert_eq!(NAME.contains("a'b").to_string(), "contains(name,'a''b')");
        assert_eq!(NAME.ends_with("x").to_string(), "endswith(name,'x')");
        assert_eq!(TOTAL.is_null().to_string(), "total eq null");
        assert_eq!(TOTAL.is_not_null().to_string(), "total ne null");
    }

    #[test]
    fn parentheses_follow_precedence() {
        let a = TOTAL.gt(1.0);
        let b = TOTAL.lt(5.0);
        let c = NAME.eq("x");
        assert_eq!(
            a.clone().or(b.clone()).and(c.clone()).to_string(),
            "(total gt 1.0 or total lt 5.0) and name eq 'x'"
        );
        assert_eq!(a.clone().and(b.clone()).or(c.clone()).to_string(), "total gt 1.0 and total lt 5.0 or name eq 'x'");
        assert_eq!(a.clone().or(b.clone()).not().to_string(), "not (total gt 1.0 or total lt 5.0)");
        assert_eq!(c.clone().not().to_string(), "not name eq 'x'");
        assert_eq!(Filter::raw("a eq 1 or b eq 2").and(c).to_string(), "(a eq 1 or b eq 2) and name eq 'x'");
    }

    #[test]
    fn lambdas_nest_with_their_own_variables() {
        let filter = ITEMS.any(|item| item.member(PARTS).all(|part| part.member(QUANTITY).gt(1)));
        assert_eq!(filter.to_string(), "items/any(x:x/parts/all(y:y/quantity gt 1))");
        assert_eq!(TAGS.any(|tag| tag.value().eq("red")).to_string(), "tags/any(x:x eq 'red')");
    }

    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    enum Status {
        Open,
        Unknown(String),
    }

    odata_runtime::open_enum! {
        Status = "shop.Status";
        0 Open = "open";
    }

    const STATUS: Member<Order, Option<Status>> = Member::new("status");

    #[test]
    fn enum_members_are_written_with_their_qualified_type() {
        assert_eq!(STATUS.eq(Status::Open).to_string(), "status eq shop.Status'open'");
        assert_eq!(STATUS.ne(Status::Unknown("new".into())).to_string(), "status ne shop.Status'new'");
    }

    #[test]
    fn paths_through_complex_members() {
        assert_eq!(ADDRESS.then(CITY).eq("Oslo").to_string(), "address/city eq 'Oslo'");
        assert_eq!(ADDRESS.then(CITY).desc(), "address/city desc");
    }
}
