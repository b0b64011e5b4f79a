//! The API's routes as one table that both builds the router and writes
//! `/api/openapi.json` (OpenAPI 3.1), so the document cannot drift from
//! what the server does.
//!
//! A route's query and body fields are read from the `Deserialize` type
//! its handler parses (serde hands a struct's field names to the
//! deserializer), and a unit test fails when a documented field is not
//! one of them or one of them is undocumented. Path parameters are read
//! from the path itself.

use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use serde::de::{self, Deserializer, Visitor};
use serde_json::{Value, json};

use crate::Shared;

/// The HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    Get,
    Post,
    Delete,
}

impl Verb {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Verb::Get => "get",
            Verb::Post => "post",
            Verb::Delete => "delete",
        }
    }

    fn filter(self) -> MethodFilter {
        match self {
            Verb::Get => MethodFilter::GET,
            Verb::Post => MethodFilter::POST,
            Verb::Delete => MethodFilter::DELETE,
        }
    }
}

/// Who may call a route. The document carries it as `x-rapport-access`,
/// and the isolation test reads it to know what each role must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Anyone, without credentials.
    Public,
    /// Any signed-in user; the answer covers only what they may see.
    User,
    /// A user who may see the path's client (viewers included).
    ClientRead,
    /// A user who may see the path's client and give feedback on its
    /// reports (viewers included).
    ClientFeedback,
    /// An analyst of the path's client, or an admin.
    ClientChange,
    /// Agency admins only.
    Admin,
}

impl Access {
    fn name(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::User => "user",
            Access::ClientRead => "client-read",
            Access::ClientFeedback => "client-feedback",
            Access::ClientChange => "client-change",
            Access::Admin => "admin",
        }
    }
}

/// A documented query or body field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub name: &'static str,
    pub description: &'static str,
    /// A value that works on the demo workspace; the isolation test sends
    /// it, so every route is exercised with a valid request.
    pub example: &'static str,
    pub required: bool,
    /// JSON type of a body field (`string`, `integer`, `array`, …).
    pub kind: &'static str,
}

/// An optional string field.
pub(crate) const fn opt(
    name: &'static str,
    description: &'static str,
    example: &'static str,
) -> Field {
    Field {
        name,
        description,
        example,
        required: false,
        kind: "string",
    }
}

/// A required string field.
pub(crate) const fn req(
    name: &'static str,
    description: &'static str,
    example: &'static str,
) -> Field {
    Field {
        required: true,
        ..opt(name, description, example)
    }
}

impl Field {
    /// The same field with a JSON type other than string.
    pub(crate) const fn of(self, kind: &'static str) -> Field {
        Field { kind, ..self }
    }
}

/// What a route reads besides its path.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input {
    /// The fields of the type the handler deserializes.
    pub names: fn() -> &'static [&'static str],
    pub docs: &'static [Field],
    /// A multipart form (an upload) rather than JSON.
    pub multipart: bool,
}

impl Input {
    /// The fields the handler reads, in its type's order, each with its
    /// documentation (a field read but not documented is still listed, so
    /// the document never hides one; a unit test keeps the two equal).
    pub(crate) fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        (self.names)().iter().map(|name| {
            self.docs
                .iter()
                .find(|f| f.name == *name)
                .copied()
                .unwrap_or(opt(name, "", ""))
        })
    }
}

/// The field names serde asks for when it deserializes `T` (a struct).
pub(crate) fn field_names<T: de::DeserializeOwned>() -> &'static [&'static str] {
    let mut seen = None;
    let _ = T::deserialize(Recorder(&mut seen));
    seen.unwrap_or(&[])
}

/// A deserializer that records the field list of the struct asked for,
/// then stops.
struct Recorder<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for Recorder<'_> {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(de::Error::custom("recorded"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// What a route answers with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Output {
    /// JSON; for a library result, its `kind`.
    Json(&'static str),
    /// A report's file: HTML, PDF or JSON by the path's `file`.
    ReportFile,
}

/// One route: its method and path, what it does, who may call it, what
/// it reads and answers, and its handler.
pub(crate) struct Endpoint {
    pub verb: Verb,
    pub path: &'static str,
    pub summary: &'static str,
    pub access: Access,
    pub query: Option<Input>,
    pub body: Option<Input>,
    pub output: Output,
    /// Whether a success is 201 Created.
    pub creates: bool,
    pub route: MethodRouter<Shared>,
}

impl Endpoint {
    pub(crate) fn new<H, T>(verb: Verb, path: &'static str, access: Access, handler: H) -> Endpoint
    where
        H: Handler<T, Shared>,
        T: 'static,
    {
        Endpoint {
            verb,
            path,
            summary: "",
            access,
            query: None,
            body: None,
            output: Output::Json(""),
            creates: false,
            route: axum::routing::on(verb.filter(), handler),
        }
    }

    pub(crate) fn summary(mut self, summary: &'static str) -> Endpoint {
        self.summary = summary;
        self
    }

    pub(crate) fn query<T: de::DeserializeOwned>(mut self, docs: &'static [Field]) -> Endpoint {
        self.query = Some(Input {
            names: field_names::<T>,
            docs,
            multipart: false,
        });
        self
    }

    pub(crate) fn body<T: de::DeserializeOwned>(mut self, docs: &'static [Field]) -> Endpoint {
        self.body = Some(Input {
            names: field_names::<T>,
            docs,
            multipart: false,
        });
        self
    }

    /// A multipart body of the parts `names` gives (a file part is
    /// documented with type `file`), read up to `limit` bytes.
    pub(crate) fn multipart(
        mut self,
        names: fn() -> &'static [&'static str],
        docs: &'static [Field],
        limit: usize,
    ) -> Endpoint {
        self.body = Some(Input {
            names,
            docs,
            multipart: true,
        });
        self.route = self
            .route
            .layer(axum::extract::DefaultBodyLimit::max(limit));
        self
    }

    pub(crate) fn output(mut self, output: Output) -> Endpoint {
        self.output = output;
        self
    }

    pub(crate) fn creates(mut self) -> Endpoint {
        self.creates = true;
        self
    }

    /// The names in `{…}` of the path.
    pub(crate) fn path_params(&self) -> Vec<&'static str> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect()
    }
}

/// What a path parameter is.
fn path_param_doc(name: &str) -> (&'static str, &'static str) {
    match name {
        "client" => ("A client id (`GET /api/clients`).", "string"),
        "run" => ("A report's run number (`GET …/reports`).", "integer"),
        "file" => ("`report.html`, `report.pdf` or `report.json`.", "string"),
        "schedule" => ("A schedule's id (`GET …/schedules`).", "integer"),
        "token" => ("A token's id (`GET /api/tokens`).", "integer"),
        "email" => ("A user's e-mail address.", "string"),
        "customer" => (
            "A customer's id, or the e-mail used as their id (any case).",
            "string",
        ),
        _ => ("", "string"),
    }
}

/// The OpenAPI 3.1 document of `endpoints`.
pub(crate) fn document(endpoints: &[Endpoint]) -> Value {
    let mut paths = serde_json::Map::new();
    for e in endpoints {
        let mut parameters: Vec<Value> = e
            .path_params()
            .into_iter()
            .map(|name| {
                let (description, kind) = path_param_doc(name);
                json!({
                    "name": name, "in": "path", "required": true,
                    "description": description, "schema": { "type": kind },
                })
            })
            .collect();
        if let Some(q) = &e.query {
            parameters.extend(q.fields().map(|f| {
                json!({
                    "name": f.name, "in": "query", "required": f.required,
                    "description": f.description, "example": f.example,
                    "schema": { "type": "string" },
                })
            }));
        }
        let success = match e.output {
            Output::Json(kind) => json!({
                "description": if kind.is_empty() { "OK".to_owned() } else { format!("A `{kind}` result, as the CLI's `--format json` writes it.") },
                "content": { "application/json": {} },
            }),
            Output::ReportFile => json!({
                "description": "The report's file.",
                "content": { "text/html": {}, "application/pdf": {}, "application/json": {} },
            }),
        };
        let mut operation = json!({
            "summary": e.summary,
            "operationId": format!("{}{}", e.verb.name(), e.path.replace(['/', '{', '}', '.'], "_")),
            "parameters": parameters,
            "responses": {
                (if e.creates { "201" } else { "200" }): success,
                "4XX": { "$ref": "#/components/responses/Error" },
                "5XX": { "$ref": "#/components/responses/Error" },
            },
            "x-rapport-access": e.access.name(),
        });
        if e.access == Access::Public {
            operation["security"] = json!([]);
        }
        if let Some(b) = &e.body {
            let fields: Vec<Field> = b.fields().collect();
            let properties: serde_json::Map<String, Value> = fields
                .iter()
                .map(|f| {
                    let mut schema = json!({ "type": f.kind, "description": f.description });
                    if f.kind == "array" {
                        schema["items"] = json!({ "type": "string" });
                    }
                    if f.kind == "file" {
                        schema = json!({
                            "type": "array", "description": f.description,
                            "items": { "type": "string", "format": "binary" },
                        });
                    }
                    (f.name.to_owned(), schema)
                })
                .collect();
            let required: Vec<&str> = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.name)
                .collect();
            let example: serde_json::Map<String, Value> = fields
                .iter()
                .filter(|f| !f.example.is_empty())
                .map(|f| {
                    let value = serde_json::from_str(f.example)
                        .unwrap_or_else(|_| Value::String(f.example.to_owned()));
                    (f.name.to_owned(), value)
                })
                .collect();
            let media = if b.multipart {
                "multipart/form-data"
            } else {
                "application/json"
            };
            operation["requestBody"] = json!({
                "required": true,
                "content": { (media): {
                    "schema": {
                        "type": "object", "additionalProperties": false,
                        "properties": properties, "required": required,
                    },
                    "example": example,
                }},
            });
        }
        let item = paths.entry(e.path.to_owned()).or_insert_with(|| json!({}));
        item[e.verb.name()] = operation;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Rapport",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The agency's customer analytics and client reports. Every route but health and this document takes `Authorization: Bearer rpt_…` (`rapport token create EMAIL`); a client the caller may not see answers 404, as one that does not exist.",
        },
        "servers": [{ "url": "/" }],
        "security": [{ "bearer": [] }],
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "responses": { "Error": {
                "description": "An error: what kind, and a message that names the field or the fix.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } },
            }},
            "schemas": { "Error": {
                "type": "object",
                "required": ["error"],
                "properties": { "error": {
                    "type": "object",
                    "required": ["kind", "message"],
                    "properties": {
                        "kind": { "type": "string", "enum": [
                            "input", "unauthorized", "forbidden", "not_found", "method_not_allowed",
                            "conflict", "too_large", "rate_limited", "data_missing", "definition", "busy", "internal",
                        ]},
                        "message": { "type": "string" },
                    },
                }},
            }},
        },
    })
}
