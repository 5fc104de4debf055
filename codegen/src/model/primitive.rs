//! The `Edm` primitive types.

/// An `Edm.*` primitive type (or one of the abstract `Edm` types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    /// `Edm.Binary`.
    Binary,
    /// `Edm.Boolean`.
    Boolean,
    /// `Edm.Byte`.
    Byte,
    /// `Edm.Date`.
    Date,
    /// `Edm.DateTimeOffset`.
    DateTimeOffset,
    /// `Edm.Decimal`.
    Decimal,
    /// `Edm.Double`.
    Double,
    /// `Edm.Duration`.
    Duration,
    /// `Edm.Guid`.
    Guid,
    /// `Edm.Int16`.
    Int16,
    /// `Edm.Int32`.
    Int32,
    /// `Edm.Int64`.
    Int64,
    /// `Edm.SByte`.
    SByte,
    /// `Edm.Single`.
    Single,
    /// `Edm.Stream`.
    Stream,
    /// `Edm.String`.
    String,
    /// `Edm.TimeOfDay`.
    TimeOfDay,
    /// `Edm.Geography` and its subtypes (`Edm.GeographyPoint`, ...): the name after `Edm.`.
    Geography(&'static str),
    /// `Edm.Geometry` and its subtypes (`Edm.GeometryPolygon`, ...): the name after `Edm.`.
    Geometry(&'static str),
    /// `Edm.Untyped`.
    Untyped,
    /// `Edm.PrimitiveType` (abstract).
    AnyPrimitive,
    /// `Edm.ComplexType` (abstract).
    AnyComplex,
    /// `Edm.EntityType` (abstract).
    AnyEntity,
    /// `Edm.AnnotationPath`, `Edm.PropertyPath`, ... (vocabulary path types): the name after `Edm.`.
    Path(&'static str),
}

const GEOGRAPHY: &[&str] = &[
    "Geography",
    "GeographyPoint",
    "GeographyLineString",
    "GeographyPolygon",
    "GeographyMultiPoint",
    "GeographyMultiLineString",
    "GeographyMultiPolygon",
    "GeographyCollection",
];

const GEOMETRY: &[&str] = &[
    "Geometry",
    "GeometryPoint",
    "GeometryLineString",
    "GeometryPolygon",
    "GeometryMultiPoint",
    "GeometryMultiLineString",
    "GeometryMultiPolygon",
    "GeometryCollection",
];

const PATHS: &[&str] =
    &["AnnotationPath", "PropertyPath", "NavigationPropertyPath", "AnyPropertyPath", "ModelElementPath"];

impl Primitive {
    /// The primitive named `name` (the part after `Edm.`), if there is one.
    pub fn from_name(name: &str) -> Option<Primitive> {
        Some(match name {
            "Binary" => Primitive::Binary,
            "Boolean" => Primitive::Boolean,
            "Byte" => Primitive::Byte,
            "Date" => Primitive::Date,
            "DateTimeOffset" => Primitive::DateTimeOffset,
            "Decimal" => Primitive::Decimal,
            "Double" => Primitive::Double,
            "Duration" => Primitive::Duration,
            "Guid" => Primitive::Guid,
            "Int16" => Primitive::Int16,
            "Int32" => Primitive::Int32,
            "Int64" => Primitive::Int64,
            "SByte" => Primitive::SByte,
            "Single" => Primitive::Single,
            "Stream" => Primitive::Stream,
            "String" => Primitive::String,
            "TimeOfDay" => Primitive::TimeOfDay,
            "Untyped" => Primitive::Untyped,
            "PrimitiveType" => Primitive::AnyPrimitive,
            "ComplexType" => Primitive::AnyComplex,
            "EntityType" => Primitive::AnyEntity,
            other => {
                if let Some(found) = GEOGRAPHY.iter().find(|g| **g == other) {
                    Primitive::Geography(found)
                } else if let Some(found) = GEOMETRY.iter().find(|g| **g == other) {
                    Primitive::Geometry(found)
                } else if let Some(found) = PATHS.iter().find(|g| **g == other) {
                    Primitive::Path(found)
                } else {
                    return None;
                }
            }
        })
    }

    /// Whether this may be the underlying type of an enum.
    pub fn is_integer(self) -> bool {
        matches!(self, Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 | Primitive::Int64)
    }

    /// Whether this is a concrete primitive type (not abstract, not structured).
    pub fn is_concrete_primitive(self) -> bool {
        !matches!(self, Primitive::AnyPrimitive | Primitive::AnyComplex | Primitive::AnyEntity | Primitive::Untyped)
    }

    /// Whether values of this type have a URL literal (`'text'`, `42`, `2021-06-01`, ...), so that they
    /// can be key values and function parameters in a path: every concrete primitive but streams and
    /// geography and geometry values (whose literals this generator does not write).
    pub fn has_url_literal(self) -> bool {
        self.is_concrete_primitive()
            && !matches!(self, Primitive::Stream | Primitive::Geography(_) | Primitive::Geometry(_))
    }

    /// The qualified name, e.g. `Edm.String`.
    pub fn qualified_name(self) -> String {
        let name = match self {
            Primitive::Geography(n) | Primitive::Geometry(n) | Primitive::Path(n) => n,
            Primitive::AnyPrimitive => "PrimitiveType",
            Primitive::AnyComplex => "ComplexType",
            Primitive::AnyEntity => "EntityType",
            other => return format!("Edm.{other:?}"),
        };
        format!("Edm.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::Primitive;

    #[test]
    fn names_round_trip() {
        for name in ["String", "Int64", "GeographyPoint", "PrimitiveType", "AnnotationPath", "TimeOfDay"] {
            let primitive = Primitive::from_name(name).map(Primitive::qualified_name);
            assert_eq!(primitive.as_deref(), Some(format!("Edm.{name}").as_str()));
        }
        assert_eq!(Primitive::from_name("Strin"), None);
    }

    #[test]
    fn streams_geo_values_and_abstract_types_have_no_url_literal() {
        for name in ["Stream", "GeographyPoint", "Geometry", "Untyped", "PrimitiveType", "ComplexType"] {
            assert_eq!(Primitive::from_name(name).map(Primitive::has_url_literal), Some(false), "{name}");
        }
        for name in ["String", "Int64", "Guid", "Duration", "Binary", "Date", "AnnotationPath"] {
            assert_eq!(Primitive::from_name(name).map(Primitive::has_url_literal), Some(true), "{name}");
        }
    }
}
