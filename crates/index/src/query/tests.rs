//! The query language's tests: grammar, fields, refusals and their positions, bounds.

use super::*;
use hrlex_model::DocType;

fn parse(input: &str) -> QueryNode {
    parse_query(input).unwrap_or_else(|error| panic!("{input}: {error}"))
}

fn refuse(input: &str) -> QueryError {
    match parse_query(input) {
        Ok(node) => panic!("{input} parsed as {node:?}"),
        Err(error) => error,
    }
}

#[test]
fn juxtaposition_is_and_and_or_binds_looser() {
    assert_eq!(
        parse("torture mexico OR spain"),
        QueryNode::Or(vec![
            QueryNode::And(vec![
                QueryNode::Word("torture".into()),
                QueryNode::Word("mexico".into())
            ]),
            QueryNode::Word("spain".into())
        ])
    );
    assert_eq!(
        parse("+a -b"),
        QueryNode::And(vec![
            QueryNode::Word("a".into()),
            QueryNode::Not(Box::new(QueryNode::Word("b".into())))
        ])
    );
}

#[test]
fn fields_phrases_prefixes_fuzzy_and_identifiers() {
    assert_eq!(
        parse("state:Mexico"),
        QueryNode::Filter(Filter::State("mexico".into()))
    );
    assert_eq!(
        parse("year:2009..2012"),
        QueryNode::Filter(Filter::Year(Some(2009), Some(2012)))
    );
    assert_eq!(
        parse("year:..2012"),
        QueryNode::Filter(Filter::Year(None, Some(2012)))
    );
    assert_eq!(
        parse("type:judgment"),
        QueryNode::Filter(Filter::DocType(DocType::Judgment))
    );
    assert_eq!(
        parse("\"enforced disappearance\""),
        QueryNode::Phrase("enforced disappearance".into())
    );
    assert_eq!(parse("tortur*"), QueryNode::Prefix("tortur".into()));
    assert_eq!(parse("torture~1"), QueryNode::Fuzzy("torture".into(), 1));
    assert_eq!(parse("torture~"), QueryNode::Fuzzy("torture".into(), 1));
    assert_eq!(
        parse("A/HRC/15/56"),
        QueryNode::Identifier("A/HRC/15/56".into())
    );
    assert_eq!(
        parse("ecthr:app:30696/09"),
        QueryNode::Identifier("ecthr:app:30696/09".into())
    );
    assert_eq!(
        parse("symbol:\"CEDAW/C/MEX/CO/7-8\""),
        QueryNode::Identifier("CEDAW/C/MEX/CO/7-8".into())
    );
    assert_eq!(
        parse("cites:un:A/HRC/15/56"),
        QueryNode::Cites("un:A/HRC/15/56".into())
    );
}

#[test]
fn refusals_say_where() {
    let error = refuse("torture AND (mexico");
    assert_eq!(error.kind, QueryErrorKind::UnbalancedParenthesis);
    assert_eq!(error.column, 13);
    let error = refuse("torture)");
    assert_eq!(
        (error.kind, error.offset),
        (QueryErrorKind::UnbalancedParenthesis, 7)
    );
    let error = refuse("a \"open phrase");
    assert_eq!(
        (error.kind, error.offset),
        (QueryErrorKind::UnterminatedPhrase, 2)
    );
    let error = refuse("pytki *ture");
    assert_eq!(
        (error.kind, error.offset),
        (QueryErrorKind::LeadingWildcard, 6)
    );
    assert_eq!(refuse("tor*ure").kind, QueryErrorKind::UnsupportedWildcard);
    assert_eq!(refuse("torture~3").kind, QueryErrorKind::FuzzyTooFar);
    let error = refuse("détention colour:red");
    assert_eq!(
        (error.kind, error.column),
        (QueryErrorKind::UnknownField, 11)
    );
    assert_eq!(
        refuse("mechanism:nobody").kind,
        QueryErrorKind::InvalidValue
    );
    assert_eq!(refuse("year:20x9").kind, QueryErrorKind::InvalidValue);
    assert_eq!(refuse("torture AND").kind, QueryErrorKind::MissingOperand);
    assert_eq!(refuse("OR torture").kind, QueryErrorKind::MissingOperand);
    assert_eq!(refuse("   ").kind, QueryErrorKind::Empty);
    assert_eq!(refuse("()").kind, QueryErrorKind::MissingOperand);
    assert_eq!(refuse("a -").kind, QueryErrorKind::MissingOperand);
}

#[test]
fn expensive_queries_are_bounded() {
    assert_eq!(refuse(&"(".repeat(40)).kind, QueryErrorKind::TooDeep);
    assert_eq!(
        refuse(&"a ".repeat(100)).kind,
        QueryErrorKind::TooManyClauses
    );
    assert_eq!(refuse(&"a".repeat(5000)).kind, QueryErrorKind::TooLong);
}

/// Regression (issue 18, defect 1): `NOT ` 250 times and a word, about 1 KB,
/// overflowed a server worker's stack.
#[test]
fn a_long_chain_of_not_is_parsed_without_recursion() {
    assert_eq!(
        parse(&format!("{}torture", "NOT ".repeat(250))),
        QueryNode::Word("torture".into())
    );
    assert_eq!(
        parse(&format!("{}torture", "NOT ".repeat(251))),
        QueryNode::Not(Box::new(QueryNode::Word("torture".into())))
    );
    assert_eq!(
        parse("NOT -torture"),
        QueryNode::Word("torture".into()),
        "`NOT -x` is two negations"
    );
}

proptest::proptest! {
    /// Deep and long generated inputs (chains of `NOT`, `-`, `+`, parentheses,
    /// operators and words, up to the byte limit) parse or are refused on a thread
    /// with a 256 KiB stack, smaller than a tokio worker's 2 MiB.
    #[test]
    fn parses_deep_input_on_a_small_stack(
        leading_nots in 0..520usize,
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "NOT ", "-", "+", "(", ")", " AND ", " OR ", "a", " b", "\"c d\"",
                "state:x ", "口", " ", "NOT(", "--",
            ]),
            0..700,
        )
    ) {
        let input = format!("{}{}", "NOT ".repeat(leading_nots), pieces.concat());
        let outcome = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let parsed = parse_query(&input);
                if let Ok(node) = &parsed {
                    let _ = node.positive_leaves();
                    let _ = format!("{node:?}");
                }
                parsed.is_ok()
            })
            .expect("spawn")
            .join();
        proptest::prop_assert!(outcome.is_ok(), "the parser overflowed or panicked");
    }
}

#[test]
fn never_panics_on_odd_input() {
    for input in [
        "\"",
        "\"\"",
        ":",
        "a:",
        ":b",
        "((a)",
        "a))",
        "NOT",
        "- a",
        "+",
        "~",
        "a~b",
        "year:..",
        "year:2012..2009",
        "état:x",
        "ä*",
        "口*",
        "id:",
        "\u{0}",
        "a OR OR b",
        "AND a",
        "a NOT",
        "(NOT)",
        "*",
        "x~~2",
        "符合第三条的规定",
    ] {
        let _ = parse_query(input);
    }
}
