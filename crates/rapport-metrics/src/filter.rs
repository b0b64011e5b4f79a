//! The segment filter language: `orders_90d >= 3 and country = "RO"`.
//!
//! A small language, parsed and type-checked before anything runs, and
//! compiled into DataFusion expressions over one row per customer — never
//! into SQL text, so nothing a user types reaches a SQL parser.
//!
//! ```text
//! filter  := or
//! or      := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | "(" filter ")" | test
//! test    := field op literal
//!          | field "in" "(" literal ("," literal)* ")"
//!          | field "contains" string          (list fields: interests)
//!          | field "is" ["not"] "null"
//! field   := name | "segment" "(" string ")"  (a saved segment's name)
//! op      := "=" | "!=" | "<" | "<=" | ">" | ">="
//! literal := "text" | 'text' | number | true | false
//! ```
//!
//! Keywords are case-insensitive; field names are lowercase. Behavioural
//! fields (`orders_90d`, `days_since_last_order`, …) are measured at the end
//! of the reporting period. As in SQL, a test on a missing value is false:
//! `country != "RO"` does not select customers without a country.

use std::fmt;

use datafusion::functions_nested::expr_fn::array_has;
use datafusion::prelude::{Expr, col, lit};

/// A field's type, for type checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Number,
    /// A list of texts (`interests`): `contains` only.
    List,
}

impl FieldType {
    fn describe(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "a number",
            FieldType::List => "a list",
        }
    }
}

/// A field a filter can test. What it means is worded in every language
/// by the message catalogue (`field-<name>`, rapport-locale), so the
/// command line and the server explain it in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub name: &'static str,
    pub ty: FieldType,
}

const fn f(name: &'static str, ty: FieldType) -> FieldDef {
    FieldDef { name, ty }
}

use FieldType::{List, Number, Text};

/// Every field of the language: customer attributes (DESIGN.md,
/// "Canonical entities") and behaviour measured at the period's end.
pub const FIELDS: &[FieldDef] = &[
    f("customer_id", Text),
    f("country", Text),
    f("region", Text),
    f("city", Text),
    f("gender", Text),
    f("company_type", Text),
    f("industry", Text),
    f("acquisition_channel", Text),
    f("plan", Text),
    f("lifecycle_stage", Text),
    f("interests", List),
    f("birth_year", Number),
    f("age", Number),
    f("age_band", Text),
    f("acquisition_cost", Number),
    f("days_since_signup", Number),
    f("orders_30d", Number),
    f("orders_90d", Number),
    f("orders_365d", Number),
    f("orders_total", Number),
    f("revenue_90d", Number),
    f("revenue_total", Number),
    f("days_since_last_order", Number),
    f("tickets_90d", Number),
    f("last_nps", Number),
];

/// The field named `name`.
pub fn field(name: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|f| f.name == name)
}

/// A filter that does not parse or type-check: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("segment filter, column {}: {message}\n  {input}\n  {}^", position + 1, " ".repeat(*position))]
pub struct FilterError {
    pub input: String,
    /// Character offset of the problem.
    pub position: usize,
    pub message: String,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(s) => write!(f, "{s:?}"),
            Literal::Number(n) => write!(f, "{n}"),
            Literal::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// What a test looks at: a field, or membership of a saved segment.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Field(&'static FieldDef),
    /// `segment("rfm")`: the segment label the saved segmentation gave.
    Segment(String),
}

impl Operand {
    fn ty(&self) -> FieldType {
        match self {
            Operand::Field(f) => f.ty,
            Operand::Segment(_) => Text,
        }
    }

    /// The column the compiled expression reads.
    pub fn column(&self) -> String {
        match self {
            Operand::Field(f) => f.name.to_owned(),
            Operand::Segment(name) => segment_column(name),
        }
    }
}

/// The features column holding saved segment `name`.
pub fn segment_column(name: &str) -> String {
    format!("segment__{name}")
}

/// A parsed, type-checked filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Not(Box<Node>),
    Compare(Operand, Op, Literal),
    In(Operand, Vec<Literal>),
    Contains(Operand, String),
    IsNull(Operand, bool),
}

/// A segment filter: its text as written and its checked tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    text: String,
    root: Node,
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Filter {
    type Err = FilterError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Filter::parse(s)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Op(Op),
    LParen,
    RParen,
    Comma,
    End,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Str(s) => format!("the text {s:?}"),
        Tok::Num(n) => format!("the number {n}"),
        Tok::Op(o) => format!("`{}`", o.symbol()),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::Comma => "`,`".into(),
        Tok::End => "the end of the filter".into(),
    }
}

fn lex(input: &str) -> Result<Vec<(usize, Tok)>, FilterError> {
    let err = |position: usize, message: String| FilterError {
        input: input.to_owned(),
        position,
        message,
    };
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    // Positions are reported in characters, so the caret lines up.
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        let start = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((start, Tok::LParen));
                i += 1;
            }
            ')' => {
                out.push((start, Tok::RParen));
                i += 1;
            }
            ',' => {
                out.push((start, Tok::Comma));
                i += 1;
            }
            '=' => {
                // Accept `==` as well as `=`.
                i += if chars.get(i + 1).map(|c| c.1) == Some('=') {
                    2
                } else {
                    1
                };
                out.push((start, Tok::Op(Op::Eq)));
            }
            '!' | '<' | '>' => {
                let next_eq = chars.get(i + 1).map(|c| c.1) == Some('=');
                let op = match (c, next_eq) {
                    ('!', true) => Op::Ne,
                    ('<', true) => Op::Le,
                    ('>', true) => Op::Ge,
                    ('<', false) if chars.get(i + 1).map(|c| c.1) == Some('>') => {
                        i += 1;
                        Op::Ne
                    }
                    ('<', false) => Op::Lt,
                    ('>', false) => Op::Gt,
                    _ => return Err(err(start, "expected `!=` after `!`".into())),
                };
                i += if next_eq { 2 } else { 1 };
                out.push((start, Tok::Op(op)));
            }
            '"' | '\'' => {
                let quote = c;
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(err(start, format!("this text has no closing {quote}")));
                        }
                        Some(&(_, '\\')) if chars.get(i + 1).is_some() => {
                            s.push(chars[i + 1].1);
                            i += 2;
                        }
                        Some(&(_, ch)) if ch == quote => {
                            i += 1;
                            break;
                        }
                        Some(&(_, ch)) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                out.push((start, Tok::Str(s)));
            }
            c if c.is_ascii_digit() || c == '-' || c == '.' => {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
                    j += 1;
                }
                let text: String = chars[i..j].iter().map(|c| c.1).collect();
                let n: f64 = text
                    .parse()
                    .map_err(|_| err(start, format!("`{text}` is not a number")))?;
                out.push((start, Tok::Num(n)));
                i = j;
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                    j += 1;
                }
                out.push((start, Tok::Ident(chars[i..j].iter().map(|c| c.1).collect())));
                i = j;
            }
            other => return Err(err(start, format!("unexpected character `{other}`"))),
        }
    }
    out.push((chars.len(), Tok::End));
    Ok(out)
}

/// How deep parentheses and `not` may nest: deeper would risk the stack of
/// the recursive parser and of every pass over the tree after it.
pub const MAX_NESTING: usize = 32;

/// How many tests one filter may join with `and`/`or`: a chain is a tree
/// as deep as it is long.
pub const MAX_TESTS: usize = 256;

/// The longest filter text, in characters.
pub const MAX_LENGTH: usize = 10_000;

struct Parser<'a> {
    input: &'a str,
    toks: Vec<(usize, Tok)>,
    at: usize,
    /// Parentheses and `not`s open at this point.
    depth: usize,
    /// Tests read so far.
    tests: usize,
}

fn is_kw(t: &Tok, kw: &str) -> bool {
    matches!(t, Tok::Ident(s) if s.eq_ignore_ascii_case(kw))
}

impl Parser<'_> {
    fn peek(&self) -> &(usize, Tok) {
        &self.toks[self.at.min(self.toks.len() - 1)]
    }

    fn next(&mut self) -> (usize, Tok) {
        let t = self.peek().clone();
        self.at += 1;
        t
    }

    fn fail<T>(&self, position: usize, message: String) -> Result<T, FilterError> {
        Err(FilterError {
            input: self.input.to_owned(),
            position,
            message,
        })
    }

    fn expected<T>(&self, what: &str) -> Result<T, FilterError> {
        let (pos, tok) = self.peek().clone();
        self.fail(pos, format!("expected {what}, found {}", describe(&tok)))
    }

    fn or(&mut self) -> Result<Node, FilterError> {
        let mut left = self.and()?;
        while is_kw(&self.peek().1, "or") {
            self.next();
            left = Node::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Node, FilterError> {
        let mut left = self.unary()?;
        while is_kw(&self.peek().1, "and") {
            self.next();
            left = Node::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node, FilterError> {
        let opens = is_kw(&self.peek().1, "not") || self.peek().1 == Tok::LParen;
        if opens {
            self.depth += 1;
            if self.depth > MAX_NESTING {
                let pos = self.peek().0;
                return self.fail(
                    pos,
                    format!("parentheses and `not` nest deeper than {MAX_NESTING} levels here; write the filter flatter"),
                );
            }
        }
        let node = if is_kw(&self.peek().1, "not") {
            self.next();
            Node::Not(Box::new(self.unary()?))
        } else if self.peek().1 == Tok::LParen {
            self.next();
            let inner = self.or()?;
            if self.peek().1 != Tok::RParen {
                return self.expected("`)` or `and`/`or`");
            }
            self.next();
            inner
        } else {
            self.tests += 1;
            if self.tests > MAX_TESTS {
                let pos = self.peek().0;
                return self.fail(
                    pos,
                    format!("a filter joins at most {MAX_TESTS} tests; use `in (...)` for a list of values"),
                );
            }
            return self.test();
        };
        if opens {
            self.depth -= 1;
        }
        Ok(node)
    }

    fn operand(&mut self) -> Result<(usize, Operand), FilterError> {
        let (pos, tok) = self.peek().clone();
        let Tok::Ident(name) = tok else {
            return self.expected("a field name (for example `country` or `orders_90d`)");
        };
        self.next();
        if name == "segment" {
            if self.next().1 != Tok::LParen {
                return self.fail(pos, "expected `segment(\"NAME\")`".into());
            }
            let (spos, stok) = self.next();
            let Tok::Str(seg) = stok else {
                return self.fail(spos, "expected the saved segment's name in quotes".into());
            };
            if !valid_segment_name(&seg) {
                return self.fail(
                    spos,
                    "segment names use lowercase letters, digits, `-` and `_`".into(),
                );
            }
            if self.next().1 != Tok::RParen {
                return self.fail(spos, "expected `)` after the segment name".into());
            }
            return Ok((pos, Operand::Segment(seg)));
        }
        match field(&name) {
            Some(f) => Ok((pos, Operand::Field(f))),
            None => {
                let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
                self.fail(
                    pos,
                    format!(
                        "unknown field `{name}`; the fields are {} and segment(\"NAME\")",
                        names.join(", ")
                    ),
                )
            }
        }
    }

    fn literal(&mut self, operand: &Operand) -> Result<Literal, FilterError> {
        let (pos, tok) = self.next();
        let lit = match tok {
            Tok::Str(s) => Literal::Text(s),
            Tok::Num(n) => Literal::Number(n),
            Tok::Ident(s) if s.eq_ignore_ascii_case("true") => Literal::Bool(true),
            Tok::Ident(s) if s.eq_ignore_ascii_case("false") => Literal::Bool(false),
            other => {
                return self.fail(
                    pos,
                    format!(
                        "expected a value ({}), found {}",
                        operand.ty().describe(),
                        describe(&other)
                    ),
                );
            }
        };
        let ok = matches!(
            (operand.ty(), &lit),
            (Text, Literal::Text(_)) | (Number, Literal::Number(_))
        );
        if !ok {
            let hint = match operand.ty() {
                Text => " in quotes",
                _ => "",
            };
            return self.fail(
                pos,
                format!(
                    "`{}` is {}, so it is compared with {}{hint}, not {lit}",
                    operand.column(),
                    operand.ty().describe(),
                    operand.ty().describe()
                ),
            );
        }
        Ok(lit)
    }

    fn test(&mut self) -> Result<Node, FilterError> {
        let (_, operand) = self.operand()?;
        let (opos, tok) = self.peek().clone();
        match tok {
            Tok::Op(op) => {
                self.next();
                if operand.ty() == List {
                    return self.fail(
                        opos,
                        format!("`{}` is a list: use `contains \"VALUE\"`", operand.column()),
                    );
                }
                if operand.ty() == Text && !matches!(op, Op::Eq | Op::Ne) {
                    return self.fail(
                        opos,
                        format!(
                            "`{}` is text: compare it with `=`, `!=` or `in`",
                            operand.column()
                        ),
                    );
                }
                let lit = self.literal(&operand)?;
                Ok(Node::Compare(operand, op, lit))
            }
            Tok::Ident(kw) if kw.eq_ignore_ascii_case("in") => {
                self.next();
                if operand.ty() == List {
                    return self.fail(opos, "a list is tested with `contains`".into());
                }
                if self.peek().1 != Tok::LParen {
                    return self.expected("`(` starting the list of values");
                }
                self.next();
                let mut values = vec![self.literal(&operand)?];
                while self.peek().1 == Tok::Comma {
                    self.next();
                    values.push(self.literal(&operand)?);
                }
                if self.peek().1 != Tok::RParen {
                    return self.expected("`,` or `)`");
                }
                self.next();
                Ok(Node::In(operand, values))
            }
            Tok::Ident(kw) if kw.eq_ignore_ascii_case("contains") => {
                self.next();
                if operand.ty() != List {
                    return self.fail(
                        opos,
                        format!(
                            "`contains` tests a list such as `interests`, and `{}` is not one",
                            operand.column()
                        ),
                    );
                }
                let (vpos, v) = self.next();
                let Tok::Str(s) = v else {
                    return self.fail(vpos, "expected a text in quotes after `contains`".into());
                };
                Ok(Node::Contains(operand, s))
            }
            Tok::Ident(kw) if kw.eq_ignore_ascii_case("is") => {
                self.next();
                let negated = is_kw(&self.peek().1, "not");
                if negated {
                    self.next();
                }
                if !is_kw(&self.peek().1, "null") {
                    return self.expected("`null`");
                }
                self.next();
                Ok(Node::IsNull(operand, negated))
            }
            _ => self.expected(
                "a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `contains` or `is null`)",
            ),
        }
    }
}

/// Whether `name` can name a saved segment (and its file).
pub fn valid_segment_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Filter {
    /// Parses and type-checks a filter.
    pub fn parse(input: &str) -> Result<Filter, FilterError> {
        let length = input.chars().count();
        if length > MAX_LENGTH {
            return Err(FilterError {
                input: input.chars().take(60).collect::<String>() + "…",
                position: 0,
                message: format!(
                    "the filter is {length} characters long; the most is {MAX_LENGTH}"
                ),
            });
        }
        let toks = lex(input)?;
        let mut p = Parser {
            input,
            toks,
            at: 0,
            depth: 0,
            tests: 0,
        };
        if p.peek().1 == Tok::End {
            return p.expected("a test such as `country = \"RO\"`");
        }
        let root = p.or()?;
        if p.peek().1 != Tok::End {
            return p.expected("`and`, `or` or the end of the filter");
        }
        Ok(Filter {
            text: input.trim().to_owned(),
            root,
        })
    }

    /// The checked tree.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The saved segments the filter refers to.
    pub fn segments(&self) -> Vec<String> {
        fn walk(n: &Node, out: &mut Vec<String>) {
            match n {
                Node::And(a, b) | Node::Or(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Node::Not(a) => walk(a, out),
                Node::Compare(o, ..)
                | Node::In(o, _)
                | Node::Contains(o, _)
                | Node::IsNull(o, _) => {
                    if let Operand::Segment(s) = o
                        && !out.contains(s)
                    {
                        out.push(s.clone());
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }

    /// The DataFusion expression over the customer-features table.
    pub fn to_expr(&self) -> Expr {
        fn value(l: &Literal) -> Expr {
            match l {
                Literal::Text(s) => lit(s.clone()),
                Literal::Number(n) => lit(*n),
                Literal::Bool(b) => lit(*b),
            }
        }
        fn walk(n: &Node) -> Expr {
            match n {
                Node::And(a, b) => walk(a).and(walk(b)),
                Node::Or(a, b) => walk(a).or(walk(b)),
                Node::Not(a) => !walk(a).is_true(),
                Node::Compare(o, op, l) => {
                    let c = col(o.column());
                    let v = value(l);
                    match op {
                        Op::Eq => c.eq(v),
                        Op::Ne => c.not_eq(v),
                        Op::Lt => c.lt(v),
                        Op::Le => c.lt_eq(v),
                        Op::Gt => c.gt(v),
                        Op::Ge => c.gt_eq(v),
                    }
                }
                Node::In(o, values) => {
                    col(o.column()).in_list(values.iter().map(value).collect(), false)
                }
                Node::Contains(o, s) => array_has(col(o.column()), lit(s.clone())),
                Node::IsNull(o, negated) => {
                    if *negated {
                        col(o.column()).is_not_null()
                    } else {
                        col(o.column()).is_null()
                    }
                }
            }
        }
        // A test on a missing value is false, not unknown, so `not` works
        // as people expect.
        walk(&self.root).is_true()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> FilterError {
        Filter::parse(s).unwrap_err()
    }

    #[test]
    fn parses_the_issue_example_and_precedence() {
        let f = Filter::parse(r#"orders_90d >= 3 and country = "RO""#).unwrap();
        assert!(matches!(f.root(), Node::And(..)));
        let f = Filter::parse(r#"country = "RO" or country = "MD" and age >= 30"#).unwrap();
        // `and` binds tighter than `or`.
        assert!(matches!(f.root(), Node::Or(_, b) if matches!(**b, Node::And(..))));
        let f = Filter::parse(
            r#"not (plan in ("pro", 'team')) AND interests contains "golf" and city is not null"#,
        )
        .unwrap();
        assert_eq!(
            f.to_string(),
            r#"not (plan in ("pro", 'team')) AND interests contains "golf" and city is not null"#
        );
        let f = Filter::parse(r#"segment("rfm") = "Champions""#).unwrap();
        assert_eq!(f.segments(), vec!["rfm".to_owned()]);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = err(r#"orders_90d >= "three""#);
        assert_eq!(e.position, 14);
        assert!(e.message.contains("a number"), "{e}");
        assert!(e.to_string().contains("\n                ^"), "{e}");
        let e = err("country = RO");
        assert_eq!(e.position, 10);
        assert!(e.message.contains("expected a value (text)"), "{e}");
        let e = err("contry = \"RO\"");
        assert_eq!(e.position, 0);
        assert!(
            e.message.contains("unknown field `contry`") && e.message.contains("country"),
            "{e}"
        );
        let e = err("country > \"RO\"");
        assert!(e.message.contains("compare it with `=`"), "{e}");
        let e = err("orders_90d >= 3 and");
        assert_eq!(e.position, 19);
        assert!(e.message.contains("found the end of the filter"), "{e}");
        let e = err("(orders_90d >= 3");
        assert!(e.message.contains("expected `)`"), "{e}");
        let e = err("interests = \"golf\"");
        assert!(e.message.contains("contains"), "{e}");
        let e = err("country = \"RO");
        assert!(e.message.contains("no closing"), "{e}");
        let e = err("country ~ 1");
        assert!(e.message.contains("unexpected character `~`"), "{e}");
        assert!(err("").message.contains("expected a test"));
        let e = err("segment(\"Top Buyers\") = \"x\"");
        assert!(e.message.contains("lowercase"), "{e}");
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let e = err("city = \"Brașov\" and age > \"x\"");
        assert_eq!(e.position, 26);
    }

    #[test]
    fn deep_nesting_and_long_chains_are_refused_not_a_stack_overflow() {
        let test = "country = \"RO\"";
        let nested = |n: usize| format!("{}{test}{}", "(".repeat(n), ")".repeat(n));
        assert!(Filter::parse(&nested(MAX_NESTING)).is_ok());
        let e = Filter::parse(&nested(1_000)).expect_err("too deep");
        assert!(e.message.contains("nest deeper than 32"), "{}", e.message);
        let nots = format!("{}{test}", "not ".repeat(1_000));
        assert!(
            Filter::parse(&nots)
                .expect_err("too deep")
                .message
                .contains("nest deeper")
        );
        let chain = |n: usize| vec![test; n].join(" or ");
        assert!(Filter::parse(&chain(MAX_TESTS)).is_ok());
        let e = Filter::parse(&chain(MAX_TESTS + 1)).expect_err("too many");
        assert!(e.message.contains("at most 256 tests"), "{}", e.message);
        let long = "x".repeat(MAX_LENGTH + 1);
        let e = Filter::parse(&long).expect_err("too long");
        assert!(e.to_string().len() < 300, "{e}");
    }
}
