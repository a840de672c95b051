//! ISC's `filters` syntax: `name eq "x"`, `id in ("a","b")`,
//! `created gt 2024-01-01T00:00:00Z`, `manager isnull`, `email pr`,
//! combined with `and`, `or`, `not` and parentheses. `not` binds tighter
//! than `and`, which binds tighter than `or`. Keywords are
//! case-insensitive; strings take double or single quotes.
//!
//! A malformed filter is an error that names the (0-based, in
//! characters) position where parsing stopped.

use super::time::Timestamp;
use std::fmt;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    Eq,
    Ne,
    In,
    Sw,
    Co,
    Gt,
    Ge,
    Lt,
    Le,
    Isnull,
    Pr,
}

impl Op {
    pub fn parse(word: &str) -> Option<Op> {
        Some(match word.to_ascii_lowercase().as_str() {
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "in" => Op::In,
            "sw" => Op::Sw,
            "co" => Op::Co,
            "gt" => Op::Gt,
            "ge" => Op::Ge,
            "lt" => Op::Lt,
            "le" => Op::Le,
            "isnull" => Op::Isnull,
            "pr" => Op::Pr,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Ne => "ne",
            Op::In => "in",
            Op::Sw => "sw",
            Op::Co => "co",
            Op::Gt => "gt",
            Op::Ge => "ge",
            Op::Lt => "lt",
            Op::Le => "le",
            Op::Isnull => "isnull",
            Op::Pr => "pr",
        }
    }

    /// `isnull` and `pr` take no value.
    fn unary(self) -> bool {
        matches!(self, Op::Isnull | Op::Pr)
    }
}

/// `and`, `or`, `not`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Composite {
    And,
    Or,
    Not,
}

impl Composite {
    pub fn parse(word: &str) -> Option<Composite> {
        Some(match word.to_ascii_lowercase().as_str() {
            "and" => Composite::And,
            "or" => Composite::Or,
            "not" => Composite::Not,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Composite::And => "and",
            Composite::Or => "or",
            Composite::Not => "not",
        }
    }
}

/// A value on the right of an operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Number(f64),
    Bool(bool),
    Null,
    /// An unquoted date-time (`2024-01-01T00:00:00Z`).
    DateTime(Timestamp),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Compare { field: String, op: Op, values: Vec<Literal> },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
}

impl Expr {
    /// Every comparison, for checking fields and operators.
    pub fn comparisons(&self) -> Vec<(&str, Op)> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if let Expr::Compare { field, op, .. } = e {
                out.push((field.as_str(), *op));
            }
        });
        out
    }

    /// Every composite operator used.
    pub fn composites(&self) -> Vec<Composite> {
        let mut out = Vec::new();
        self.walk(&mut |e| match e {
            Expr::And(..) => out.push(Composite::And),
            Expr::Or(..) => out.push(Composite::Or),
            Expr::Not(..) => out.push(Composite::Not),
            Expr::Compare { .. } => {}
        });
        out
    }

    fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Expr)) {
        visit(self);
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.walk(visit);
                b.walk(visit);
            }
            Expr::Not(a) => a.walk(visit),
            Expr::Compare { .. } => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 0-based character offset.
    pub position: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at position {}", self.message, self.position)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    /// Unquoted text starting with a digit or `-`: a number or a date-time.
    Bare(String),
    Open,
    Close,
    Comma,
}

fn lex(input: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((start, Token::Open));
                i += 1;
            }
            ')' => {
                out.push((start, Token::Close));
                i += 1;
            }
            ',' => {
                out.push((start, Token::Comma));
                i += 1;
            }
            '"' | '\'' => {
                let quote = c;
                let mut text = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(error(start, "unterminated string")),
                        Some('\\') if i + 1 < chars.len() => {
                            text.push(chars[i + 1]);
                            i += 2;
                        }
                        Some(&q) if q == quote => {
                            i += 1;
                            break;
                        }
                        Some(&other) => {
                            text.push(other);
                            i += 1;
                        }
                    }
                }
                out.push((start, Token::Str(text)));
            }
            c if c.is_ascii_digit() || c == '-' || c == '+' => {
                while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '(' | ')' | ',') {
                    i += 1;
                }
                out.push((start, Token::Bare(chars[start..i].iter().collect())));
            }
            c if c.is_alphabetic() || c == '_' => {
                while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '-')) {
                    i += 1;
                }
                out.push((start, Token::Word(chars[start..i].iter().collect())));
            }
            other => return Err(error(start, &format!("unexpected character '{other}'"))),
        }
    }
    Ok(out)
}

fn error(position: usize, message: &str) -> ParseError {
    ParseError {
        position,
        message: message.to_owned(),
    }
}

/// Parses a whole filter expression.
pub fn parse(input: &str) -> Result<Expr, ParseError> {
    let tokens = lex(input)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        end: input.chars().count(),
        depth: 0,
    };
    if parser.tokens.is_empty() {
        return Err(error(0, "empty filter"));
    }
    let expr = parser.or()?;
    match parser.tokens.get(parser.at) {
        None => Ok(expr),
        Some((position, token)) => Err(error(*position, &format!("unexpected {}", describe(token)))),
    }
}

/// Parentheses nest at most this deep: a hostile filter cannot overflow the stack.
const MAX_DEPTH: usize = 64;

struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
    /// The input's length, the position of "end of input".
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(_, t)| t)
    }

    fn position(&self) -> usize {
        self.tokens.get(self.at).map_or(self.end, |(p, _)| *p)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).map(|(_, t)| t.clone());
        self.at += 1;
        token
    }

    fn keyword(&self, composite: Composite) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if Composite::parse(w) == Some(composite))
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.and()?;
        while self.keyword(Composite::Or) {
            self.at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        while self.keyword(Composite::And) {
            self.at += 1;
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.keyword(Composite::Not) {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let position = self.position();
        match self.next() {
            Some(Token::Open) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(error(position, "parentheses nest too deep"));
                }
                let inner = self.or()?;
                let close = self.position();
                if self.next() != Some(Token::Close) {
                    return Err(error(close, "expected ')'"));
                }
                self.depth -= 1;
                Ok(inner)
            }
            Some(Token::Word(field)) if Composite::parse(&field).is_none() => self.comparison(field),
            Some(token) => Err(error(position, &format!("expected a field name, found {}", describe(&token)))),
            None => Err(error(position, "expected a field name, found the end of the filter")),
        }
    }

    fn comparison(&mut self, field: String) -> Result<Expr, ParseError> {
        let position = self.position();
        let op = match self.next() {
            Some(Token::Word(word)) => Op::parse(&word).ok_or_else(|| error(position, &format!("unknown operator '{word}'")))?,
            Some(token) => return Err(error(position, &format!("expected an operator after '{field}', found {}", describe(&token)))),
            None => return Err(error(position, &format!("expected an operator after '{field}'"))),
        };
        let values = if op.unary() {
            Vec::new()
        } else if op == Op::In {
            self.list()?
        } else {
            vec![self.literal()?]
        };
        Ok(Expr::Compare { field, op, values })
    }

    fn list(&mut self) -> Result<Vec<Literal>, ParseError> {
        let position = self.position();
        if self.next() != Some(Token::Open) {
            return Err(error(position, "expected '(' after 'in'"));
        }
        let mut values = vec![self.literal()?];
        loop {
            let position = self.position();
            match self.next() {
                Some(Token::Comma) => values.push(self.literal()?),
                Some(Token::Close) => return Ok(values),
                _ => return Err(error(position, "expected ',' or ')' in the 'in' list")),
            }
        }
    }

    fn literal(&mut self) -> Result<Literal, ParseError> {
        let position = self.position();
        match self.next() {
            Some(Token::Str(text)) => Ok(Literal::Str(text)),
            Some(Token::Word(word)) => match word.to_ascii_lowercase().as_str() {
                "true" => Ok(Literal::Bool(true)),
                "false" => Ok(Literal::Bool(false)),
                "null" => Ok(Literal::Null),
                _ => Err(error(position, &format!("expected a value, found '{word}' (quote strings)"))),
            },
            Some(Token::Bare(text)) => {
                if let Some(time) = Timestamp::parse(&text) {
                    Ok(Literal::DateTime(time))
                } else if let Ok(number) = text.parse::<f64>() {
                    Ok(Literal::Number(number))
                } else {
                    Err(error(position, &format!("'{text}' is neither a number nor a date-time")))
                }
            }
            Some(token) => Err(error(position, &format!("expected a value, found {}", describe(&token)))),
            None => Err(error(position, "expected a value, found the end of the filter")),
        }
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Word(w) => format!("'{w}'"),
        Token::Str(s) => format!("\"{s}\""),
        Token::Bare(b) => format!("'{b}'"),
        Token::Open => "'('".into(),
        Token::Close => "')'".into(),
        Token::Comma => "','".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(field: &str, op: Op, values: Vec<Literal>) -> Expr {
        Expr::Compare {
            field: field.into(),
            op,
            values,
        }
    }

    fn s(text: &str) -> Literal {
        Literal::Str(text.into())
    }

    #[test]
    fn every_operator_parses() {
        for (text, op) in [
            ("eq", Op::Eq),
            ("ne", Op::Ne),
            ("sw", Op::Sw),
            ("co", Op::Co),
            ("gt", Op::Gt),
            ("ge", Op::Ge),
            ("lt", Op::Lt),
            ("le", Op::Le),
        ] {
            assert_eq!(parse(&format!("name {text} \"x\"")).unwrap(), cmp("name", op, vec![s("x")]), "{text}");
        }
        assert_eq!(parse("id in (\"a\", 'b')").unwrap(), cmp("id", Op::In, vec![s("a"), s("b")]));
        assert_eq!(parse("manager.id isnull").unwrap(), cmp("manager.id", Op::Isnull, vec![]));
        assert_eq!(parse("email PR").unwrap(), cmp("email", Op::Pr, vec![]));
    }

    #[test]
    fn literals_have_types() {
        assert_eq!(parse("enabled eq true").unwrap(), cmp("enabled", Op::Eq, vec![Literal::Bool(true)]));
        assert_eq!(parse("count ge -2.5").unwrap(), cmp("count", Op::Ge, vec![Literal::Number(-2.5)]));
        assert_eq!(parse("x eq null").unwrap(), cmp("x", Op::Eq, vec![Literal::Null]));
        let Expr::Compare { values, .. } = parse("created gt 2024-01-02T03:04:05.678Z").unwrap() else { panic!() };
        assert_eq!(values, [Literal::DateTime(Timestamp::parse("2024-01-02T03:04:05.678Z").unwrap())]);
        assert_eq!(parse(r#"name eq "say \"hi\"""#).unwrap(), cmp("name", Op::Eq, vec![s("say \"hi\"")]));
    }

    #[test]
    fn not_binds_tighter_than_and_which_binds_tighter_than_or() {
        let a = || cmp("a", Op::Eq, vec![Literal::Number(1.0)]);
        let b = || cmp("b", Op::Eq, vec![Literal::Number(2.0)]);
        let c = || cmp("c", Op::Eq, vec![Literal::Number(3.0)]);
        assert_eq!(
            parse("a eq 1 or b eq 2 and c eq 3").unwrap(),
            Expr::Or(Box::new(a()), Box::new(Expr::And(Box::new(b()), Box::new(c()))))
        );
        assert_eq!(
            parse("not a eq 1 and b eq 2").unwrap(),
            Expr::And(Box::new(Expr::Not(Box::new(a()))), Box::new(b()))
        );
        assert_eq!(
            parse("(a eq 1 or b eq 2) AND not (c eq 3)").unwrap(),
            Expr::And(Box::new(Expr::Or(Box::new(a()), Box::new(b()))), Box::new(Expr::Not(Box::new(c()))))
        );
    }

    #[test]
    fn malformed_filters_name_the_position() {
        let cases = [
            ("", 0, "empty filter"),
            ("name", 4, "expected an operator"),
            ("name xx \"a\"", 5, "unknown operator 'xx'"),
            ("name eq", 7, "expected a value"),
            ("name eq \"a", 8, "unterminated string"),
            ("name eq abc", 8, "quote strings"),
            ("id in \"a\"", 6, "expected '(' after 'in'"),
            ("id in (\"a\" \"b\")", 11, "expected ',' or ')'"),
            ("(name eq \"a\"", 12, "expected ')'"),
            ("name eq \"a\" name eq \"b\"", 12, "unexpected 'name'"),
            ("name eq \"a\" and", 15, "expected a field name"),
            ("name eq 12ab", 8, "neither a number nor a date-time"),
            ("name eq \"a\" ; x", 12, "unexpected character ';'"),
        ];
        for (input, position, message) in cases {
            let error = parse(input).unwrap_err();
            assert_eq!(error.position, position, "{input}: {error}");
            assert!(error.message.contains(message), "{input}: {error}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let input = format!("{}a eq 1{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&input).unwrap_err().message.contains("too deep"));
    }

    #[test]
    fn comparisons_and_composites_are_listed() {
        let expr = parse("not (a eq 1 or b.c sw \"x\") and d pr").unwrap();
        assert_eq!(expr.comparisons(), [("a", Op::Eq), ("b.c", Op::Sw), ("d", Op::Pr)]);
        let mut composites = expr.composites();
        composites.sort_by_key(|c| c.as_str());
        assert_eq!(composites, [Composite::And, Composite::Not, Composite::Or]);
    }
}
