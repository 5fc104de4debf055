//! Actions and functions: one struct per selected operation overload, holding its parameters (the
//! binding parameter excepted: it is the URL the operation is called on). An action's struct is its
//! JSON request body (`odata_runtime::operation::Action`); a function's struct renders the URL
//! segment `namespace.name(p=literal,...)`, or `ImportName(p=literal,...)` for an unbound function
//! called through its import (`odata_runtime::operation::Function`). Both name the operation, its
//! binding, its import and its result type. Parameters and results are written and read through the
//! `odata_runtime::Data` codecs of their Rust types, the same as fields.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::doc_attrs;
use super::names::{NameKind, NameScope};
use super::rust_type::RustType;
use super::{Emitter, ident};
use crate::csdl::OperationKind;
use crate::model::{OperationId, Target, TypeKind, TypeRef, TypeTarget, member_index};

/// One parameter field.
struct ParameterField {
    csdl: String,
    ident: Ident,
    ty: RustType,
    /// Nullable: the field is an `Option`.
    optional: bool,
    /// How a function writes it in the URL.
    literal: LiteralForm,
    docs: TokenStream,
    secret: bool,
}

/// How a function parameter is written in a URL.
enum LiteralForm {
    /// Through `odata_runtime::literal::Literal` (primitives, type definitions).
    Literal,
    /// `namespace.type'member'`, with the enum's qualified name.
    Enum(String),
    /// As JSON (structured values, collections, untyped values).
    Json,
}

impl Emitter<'_, '_> {
    /// The structs of the selected operations of module `module`, in model order.
    pub(super) fn emit_operations(&mut self, module: usize) -> TokenStream {
        let ids: Vec<OperationId> = self
            .selection
            .operations()
            .iter()
            .copied()
            .filter(|id| self.plan.operation(*id).is_some_and(|n| n.module == module))
            .collect();
        let items: Vec<TokenStream> = ids.into_iter().map(|id| self.emit_operation(module, id)).collect();
        quote!(#(#items)*)
    }

    fn emit_operation(&mut self, module: usize, id: OperationId) -> TokenStream {
        let Some(names) = self.plan.operation(id) else { return TokenStream::new() };
        let name = ident(&names.ident);
        let display = names.ident.clone();
        let operation = &self.model.operations[id.index()];
        let qualified = format!("{}.{}", operation.namespace, operation.name);
        let fields = self.parameter_fields(module, id);
        let binding = operation.binding_type().map(|ty| self.type_name_for_docs(ty));
        let binding_tokens = match &binding {
            Some(binding) => quote!(Option::Some(#binding)),
            None => quote!(Option::None),
        };
        let (returns, output, returns_doc) = self.output(module, id);
        let import = if operation.is_bound { None } else { self.import_name(id) };
        // `IMPORT` defaults to `None`: written only for imported operations.
        let import_const =
            import.map(|(import, _)| quote!(const IMPORT: Option<&'static str> = Option::Some(#import);));
        let field_defs = fields.iter().map(|f| {
            let (ident, docs, ty) = (&f.ident, &f.docs, f.ty.tokens());
            let ty = if f.optional { quote!(Option<#ty>) } else { ty };
            quote!(#docs pub #ident: #ty,)
        });
        let redactions: Vec<_> = fields
            .iter()
            .map(|f| (f.ident.clone(), f.secret.then_some(if f.optional { Redact::Option } else { Redact::Value })))
            .collect();
        let (derive_debug, debug) = debug(&name, &display, &redactions, false);
        let (kind, call) = match operation.kind {
            OperationKind::Action => ("Action", "POST"),
            OperationKind::Function => ("Function", "GET"),
        };
        let target = match (&binding, operation.binding_type().and_then(|t| self.binding_path(t))) {
            (Some(_), Some(path)) => format!("`{call} {path}/{qualified}`"),
            (Some(binding), None) => format!("`{call}` on a `{binding}`, then `/{qualified}`"),
            (None, _) => match import {
                Some((import, container)) => {
                    let container = &self.model.containers[container.index()];
                    let arguments = if operation.kind == OperationKind::Function { "(..)" } else { "" };
                    format!(
                        "`{call} {import}{arguments}` at the service root, through its import in `{}.{}`",
                        container.namespace, container.name
                    )
                }
                None => format!("`{call}` through an import in an entity container (none is generated)"),
            },
        };
        let mut lines = vec![format!("{kind} `{qualified}`: {target}. {returns_doc}")];
        if operation.kind == OperationKind::Function {
            lines.push("`segment()` renders the URL segment with the parameters as OData literals.".to_owned());
        } else {
            lines.push("`body()` writes the parameters as the JSON request body.".to_owned());
        }
        let docs = doc_attrs(self.model, Target::Operation(id), &lines);
        let header = quote! {
            const NAME: &'static str = #qualified;
            const BINDING: Option<&'static str> = #binding_tokens;
            #import_const
            const RETURNS: ::odata_runtime::operation::Returns = #returns;
            type Output = #output;
        };
        let body = match operation.kind {
            OperationKind::Action => {
                let entries = fields.iter().map(|f| {
                    let (csdl, ident) = (&f.csdl, &f.ident);
                    quote!((#csdl, &self.#ident),)
                });
                quote! {
                    impl ::odata_runtime::operation::Action for #name {
                        #header
                    }

                    impl ::odata_runtime::serde::Serialize for #name {
                        fn serialize<S: ::odata_runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                            ::odata_runtime::operation::serialize_parameters(&[#(#entries)*], serializer)
                        }
                    }
                }
            }
            OperationKind::Function => {
                let pushes = fields.iter().map(function_parameter);
                let list = if fields.is_empty() { quote!(_list) } else { quote!(list) };
                quote! {
                    impl ::odata_runtime::operation::Function for #name {
                        #header
                        fn write_parameters(&self, #list: &mut ::odata_runtime::literal::NamedList) {
                            #(#pushes)*
                        }
                    }
                }
            }
        };
        quote! {
            #docs
            #[derive(Clone, #derive_debug PartialEq)]
            pub struct #name {
                #(#field_defs)*
            }
            #body
            #debug
        }
    }

    fn parameter_fields(&mut self, module: usize, id: OperationId) -> Vec<ParameterField> {
        let operation = &self.model.operations[id.index()];
        let skip = usize::from(operation.is_bound);
        let mut scope = NameScope::new(NameKind::Field);
        let mut fields = Vec::new();
        for (index, parameter) in operation.parameters.iter().enumerate().skip(skip) {
            let literal = match parameter.ty.target {
                _ if parameter.ty.collection => LiteralForm::Json,
                TypeTarget::Named(t) => match &self.model.ty(t).kind {
                    TypeKind::Enum(_) if self.selection.contains(t) => {
                        LiteralForm::Enum(self.model.ty(t).qualified_name())
                    }
                    TypeKind::Definition(d) if self.selection.contains(t) => match d.underlying {
                        Some(p) if p.has_url_literal() => LiteralForm::Literal,
                        _ => LiteralForm::Json,
                    },
                    _ => LiteralForm::Json,
                },
                TypeTarget::Primitive(p) if !p.has_url_literal() => LiteralForm::Json,
                TypeTarget::Primitive(_) => LiteralForm::Literal,
                TypeTarget::Unresolved(_) => LiteralForm::Json,
            };
            fields.push(ParameterField {
                csdl: parameter.name.to_owned(),
                ident: scope.assign(parameter.name).to_ident(),
                ty: self.rust_type(module, parameter.ty),
                optional: parameter.nullable,
                literal,
                docs: doc_attrs(self.model, Target::Parameter(id, member_index(index)), &[]),
                secret: self.options.is_secret(parameter.name),
            });
        }
        let place = format!("the parameters of `{}.{}`", operation.namespace, operation.name);
        let span_of = |csdl: &str| operation.parameters.iter().find(|p| p.name == csdl).map(|p| p.syntax.name.span);
        self.warn_collisions(&place, scope.collisions(), span_of);
        fields
    }

    /// The `Returns` shape, the `Output` type and a doc sentence for the result of `id`.
    fn output(&self, module: usize, id: OperationId) -> (TokenStream, TokenStream, String) {
        let operation = &self.model.operations[id.index()];
        let Some(returned) = &operation.return_type else {
            return (quote!(::odata_runtime::operation::Returns::Nothing), quote!(()), "Returns nothing.".to_owned());
        };
        let rust = self.rust_type(module, returned.ty);
        let name = self.type_name_for_docs(returned.ty);
        if returned.ty.collection {
            let output = rust.tokens();
            return (quote!(::odata_runtime::operation::Returns::Collection), output, format!("Returns `{name}`."));
        }
        let element = rust.element;
        let structured = matches!(returned.ty.target, TypeTarget::Named(t) if matches!(self.model.ty(t).kind, TypeKind::Structured(_)));
        let shape = if structured {
            quote!(::odata_runtime::operation::Returns::Structured)
        } else {
            quote!(::odata_runtime::operation::Returns::Primitive)
        };
        let output = if returned.nullable { quote!(Option<#element>) } else { element };
        (shape, output, format!("Returns `{name}`."))
    }

    /// `namespace.name` or `Collection(namespace.name)` of a type reference, for docs and constants.
    fn type_name_for_docs(&self, ty: TypeRef<'_>) -> String {
        let element = match ty.target {
            TypeTarget::Named(t) => self.model.ty(t).qualified_name(),
            TypeTarget::Primitive(p) => p.qualified_name(),
            TypeTarget::Unresolved(name) => name.to_owned(),
        };
        if ty.collection { format!("Collection({element})") } else { element }
    }

    /// Where a bound operation is called: the first path that reaches its binding type, with `{key}`
    /// for one entity of a collection.
    fn binding_path(&self, binding: TypeRef<'_>) -> Option<String> {
        let TypeTarget::Named(id) = binding.target else { return None };
        let reach = self.model.lineage(id).into_iter().find_map(|t| self.reach.get(&t)?.first())?;
        Some(if reach.collection && !binding.collection {
            format!("{}/{{key}}", reach.path)
        } else {
            reach.path.clone()
        })
    }
}

/// The statement adding one function parameter to the URL list.
fn function_parameter(field: &ParameterField) -> TokenStream {
    let (csdl, ident) = (&field.csdl, &field.ident);
    match &field.literal {
        LiteralForm::Literal => quote!(list.literal(#csdl, &self.#ident);),
        LiteralForm::Json => quote!(list.json(#csdl, &self.#ident);),
        LiteralForm::Enum(qualified) if field.optional => quote! {
            match &self.#ident {
                Option::Some(value) => list.enum_member(#csdl, #qualified, value),
                Option::None => list.null(#csdl),
            };
        },
        LiteralForm::Enum(qualified) => quote!(list.enum_member(#csdl, #qualified, &self.#ident);),
    }
}

/// How a secret field's value is hidden from `Debug`: by the shape of the field holding it.
#[derive(Clone, Copy)]
enum Redact {
    /// An `Option<T>`: prints whether it is set.
    Option,
    /// A value always present: prints `<redacted>`.
    Value,
}

/// The `Debug` of a generated struct: derived (`Debug,` for its derive list) when no field is secret;
/// otherwise a hand-written impl that prints whether each secret field is set, never its value, and
/// the `additional` map when the struct has one. Returns (derive entry, impl).
fn debug(
    name: &proc_macro2::Ident,
    display: &str,
    fields: &[(proc_macro2::Ident, Option<Redact>)],
    with_additional: bool,
) -> (TokenStream, TokenStream) {
    if fields.iter().all(|(_, redact)| redact.is_none()) {
        return (quote!(Debug,), TokenStream::new());
    }
    let entries = fields.iter().map(|(ident, redact)| {
        let label = ident.to_string().trim_start_matches("r#").to_owned();
        let redactor = match redact {
            None => return quote!(.field(#label, &self.#ident)),
            Some(Redact::Option) => quote!(option),
            Some(Redact::Value) => quote!(value),
        };
        quote!(.field(#label, &::odata_runtime::secret::Redacted::#redactor(&self.#ident)))
    });
    let additional = with_additional.then(|| quote!(.field("additional", &self.additional)));
    let implementation = quote! {
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#display) #(#entries)* #additional .finish()
            }
        }
    };
    (TokenStream::new(), implementation)
}
