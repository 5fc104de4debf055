//! `<EnumType>` and its `<Member>`s.

use super::annotation::Annotation;
use super::edmx::annotations_only;
use super::reader::{Cx, Element};
use super::{Spanned, Text};
use crate::diag::Span;
use crate::diag::codes;

/// `<EnumType Name="..." UnderlyingType="..." IsFlags="...">`.
#[derive(Clone, Debug)]
pub struct EnumType<'a> {
    /// The type's name.
    pub name: Text<'a>,
    /// `UnderlyingType`: `Edm.Byte`, `Edm.SByte`, `Edm.Int16`, `Edm.Int32` (the default) or `Edm.Int64`.
    pub underlying_type: Option<Text<'a>>,
    /// `IsFlags="true"`: values combine as bit flags.
    pub is_flags: Option<Spanned<bool>>,
    /// Members in document order.
    pub members: Vec<Member<'a>>,
    /// Annotations on the type.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
    /// The whole element, from its start tag through its end tag (just the tag when it is empty).
    pub extent: Span,
}

/// `<Member Name="..." Value="..."/>`.
#[derive(Clone, Debug)]
pub struct Member<'a> {
    /// The member's name.
    pub name: Text<'a>,
    /// Its value; when absent, members count up from 0 in document order.
    pub value: Option<Spanned<i64>>,
    /// The `Value` attribute as written, also when it is not an integer (then `value` is `None`).
    pub value_text: Option<Text<'a>>,
    /// Annotations on the member.
    pub annotations: Vec<Annotation<'a>>,
    /// The span of the start tag.
    pub span: Span,
}

pub(super) fn parse_enum_type<'a>(cx: &mut Cx<'a>, element: Element<'a>) -> Option<EnumType<'a>> {
    let mut attrs = cx.attrs(&element);
    let name = attrs.required(cx, "Name");
    let mut underlying_type = attrs.take("UnderlyingType");
    if let Some(text) = &underlying_type
        && !matches!(text.as_str(), "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Int64")
    {
        let message = format!(
            "`UnderlyingType` of an enum must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64, found `{}`; \
             read as Edm.Int32, the default",
            text.as_str()
        );
        cx.diags.warning(codes::INVALID_VALUE, text.span, message);
        underlying_type = None;
    }
    let is_flags = attrs.bool(cx, "IsFlags");
    attrs.finish(cx);
    let mut members = Vec::new();
    let mut annotations = Vec::new();
    cx.children(&element, |cx, child| match &*child.name {
        "Member" => {
            let mut attrs = cx.attrs(&child);
            let name = attrs.required(cx, "Name");
            let value_text = attrs.take("Value");
            let value = value_text.as_ref().and_then(|text| match text.as_str().parse::<i64>() {
                Ok(value) => Some(Spanned { value, span: text.span }),
                // .NET flags enums over `ulong` publish values up to 2^64 - 1: keep their bit pattern.
                Err(_) if let Ok(unsigned) = text.as_str().parse::<u64>() => {
                    let value = i64::from_ne_bytes(unsigned.to_ne_bytes());
                    let message = format!(
                        "enum member value {unsigned} is beyond the Int64 range of CSDL enums; \
                         read as {value}, the same 64 bits"
                    );
                    cx.diags.warning(codes::ENUM_VALUE, text.span, message);
                    Some(Spanned { value, span: text.span })
                }
                Err(_) => {
                    let message = format!("enum member `Value` must be an integer, found `{}`", text.as_str());
                    cx.diags.error(codes::INVALID_VALUE, text.span, message);
                    None
                }
            });
            attrs.finish(cx);
            let member_annotations = annotations_only(cx, &child);
            if let Some(name) = name {
                let member = Member { name, value, value_text, annotations: member_annotations, span: child.span };
                members.push(member);
            }
        }
        "Annotation" => annotations.extend(super::annotation::parse_annotation(cx, child)),
        _ => cx.unknown_element(&child, "EnumType"),
    });
    let extent = cx.span(element.span.start as usize, cx.pos());
    Some(EnumType { name: name?, underlying_type, is_flags, members, annotations, span: element.span, extent })
}
