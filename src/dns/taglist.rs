//! The one tag-list parser (RFC 6376 §3.2: `tag-spec *( ";" tag-spec ) [ ";" ]`, FWS around
//! names and values) behind DKIM-Signature and ARC header fields (RFC 8617 §4.1.2, §4.1.3), DKIM
//! key records (RFC 6376 §3.6.1) and DMARC records (RFC 7489 §6.4, which takes the DKIM
//! syntax). It lives in `dns/` so that both `dns/` and `dkim/` may use it (dkim → dns is the
//! allowed direction).
//!
//! One rule holds for every caller: "Tags with duplicate names MUST NOT occur within a single
//! tag-list; if a tag name does occur more than once, the entire tag-list is invalid" (RFC 6376
//! §3.2). The rest of the grammar (empty tag-specs, malformed elements) is judged by each caller:
//! a header field is read strictly ([`strict`]), while DNS records are read leniently
//! ([`parse`]) so that their findings can name each fault and a stray `;;` is only warned about.
//! The lexer under both ([`split`]) also splits the MTA-STS, TLS-RPT and BIMI records of
//! dns/policy.rs, whose `;`-separated grammars are close kin but not tag-lists.

/// WSP (RFC 5234): space and horizontal tab. CR/LF are tolerated too (folding whitespace in DKIM
/// tag-lists, RFC 6376 §3.2; stray newlines pasted into zone files).
pub(crate) fn is_wsp(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

pub(crate) fn trim_wsp(s: &str) -> &str {
    s.trim_matches(is_wsp)
}

/// How tag names compare when looking for a duplicate: DKIM tag names are case-sensitive (RFC
/// 6376 §3.2), DMARC's are not (RFC 7489 §6.4 ABNF literals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Names {
    Exact,
    IgnoreCase,
}

/// One `;`-separated element, trimmed of FWS. `value` is `None` when it has no `=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spec<'a> {
    pub name: &'a str,
    pub value: Option<&'a str>,
    /// The element as written (trimmed), for messages.
    pub raw: &'a str,
}

impl Spec<'_> {
    /// `name=value` with a name of `ALPHA *(ALPHA / DIGIT / "_")` (RFC 6376 §3.2 tag-name).
    pub(crate) fn well_formed(&self) -> bool {
        self.value.is_some() && valid_name(self.name)
    }
}

/// A tag-list read leniently: every non-empty element in order, well formed or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagList<'a> {
    pub specs: Vec<Spec<'a>>,
    /// An empty tag-spec other than one trailing `;` (`a=1;;b=2`, `;a=1`): not in the grammar.
    pub empty_spec: bool,
}

impl<'a> TagList<'a> {
    /// The value of the (well-formed) tag `name`, compared exactly.
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        self.specs
            .iter()
            .find(|s| s.name == name && s.well_formed())
            .and_then(|s| s.value)
    }
}

/// The list is invalid because a tag name occurs twice (RFC 6376 §3.2): the name as written
/// the second time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate<'a>(pub &'a str);

/// A tag name as RFC 6376 §3.2 allows: `ALPHA *(ALPHA / DIGIT / "_")`.
pub(crate) fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The elements of a `;`-separated list, FWS trimmed around names and values, empty elements
/// skipped; no rule applied. The lexer under [`parse`]; also what the policy records of
/// dns/policy.rs (MTA-STS, TLS-RPT, BIMI) are split with, whose grammars are close kin.
pub(crate) fn split(text: &str) -> impl Iterator<Item = Spec<'_>> {
    text.split(';')
        .map(|s| s.trim_matches(is_wsp))
        .filter(|s| !s.is_empty())
        .map(|raw| match raw.split_once('=') {
            Some((n, v)) => Spec {
                name: n.trim_matches(is_wsp),
                value: Some(v.trim_matches(is_wsp)),
                raw,
            },
            None => Spec {
                name: raw,
                value: None,
                raw,
            },
        })
}

/// Split `text` into its elements (FWS trimmed around names and values; empty elements
/// skipped, and noted unless it is the one trailing `;`). A repeated well-formed tag name
/// makes the whole list invalid: `Err` names it.
pub(crate) fn parse(text: &str, names: Names) -> Result<TagList<'_>, Duplicate<'_>> {
    let trimmed = text.trim_matches(is_wsp);
    let inner = trimmed.strip_suffix(';').unwrap_or(trimmed);
    let empty_spec =
        !inner.is_empty() && inner.split(';').any(|e| e.trim_matches(is_wsp).is_empty());
    let mut specs: Vec<Spec> = Vec::new();
    for spec in split(text) {
        if spec.well_formed()
            && specs.iter().any(|s| {
                s.well_formed()
                    && match names {
                        Names::Exact => s.name == spec.name,
                        Names::IgnoreCase => s.name.eq_ignore_ascii_case(spec.name),
                    }
            })
        {
            return Err(Duplicate(spec.name));
        }
        specs.push(spec);
    }
    Ok(TagList { specs, empty_spec })
}

/// The whole grammar, as a header field must follow it (DKIM-Signature, ARC-Message-Signature,
/// ARC-Seal; the caller has unfolded CRLFs): an empty tag-spec (`;;`, a leading `;`), an element
/// that is not `name=value`, a name outside `ALPHA *(ALPHA / DIGIT / "_")`, a value with a
/// control character (outside VALCHAR and WSP), or a repeated name makes the list invalid, and
/// `Err` says which, first in document order. Order of tags does not matter.
pub(crate) fn strict(text: &str) -> Result<Vec<(String, String)>, String> {
    if text.trim_matches(is_wsp).is_empty() {
        // No tags at all: the caller reports the required ones as missing.
        return Ok(Vec::new());
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let parts: Vec<&str> = text.split(';').collect();
    for (k, part) in parts.iter().enumerate() {
        let raw = part.trim_matches(is_wsp);
        if raw.is_empty() {
            // `a=1;` ends with an empty remainder: the optional final ";". Anything else
            // (`a=1;;b=2`, `;a=1`, `a=1;;`) is an empty tag-spec.
            if k + 1 == parts.len() && k > 0 {
                continue;
            }
            return Err(
                "empty tag (\";;\" or a leading \";\"): not a tag-list (RFC 6376 §3.2)".into(),
            );
        }
        let Some((n, v)) = raw.split_once('=') else {
            return Err(format!("{raw:?} is not name=value (RFC 6376 §3.2)"));
        };
        let n = n.trim_matches(is_wsp);
        if !valid_name(n) {
            return Err(format!(
                "{n:?} is not a tag name (ALPHA *(ALPHA / DIGIT / \"_\"), RFC 6376 §3.2)"
            ));
        }
        let v = v.trim_matches(is_wsp);
        // VALCHAR is %x21-3A / %x3C-7E; WSP and FWS separate tvals. Bytes over 0x7E are let
        // through: RFC 8616 allows UTF-8 in some values (i=).
        if let Some(c) = v
            .chars()
            .find(|&c| (c < '\x21' && !c.is_ascii_whitespace()) || c == '\x7f')
        {
            return Err(format!(
                "{n}= holds the control character {c:?} (RFC 6376 §3.2 VALCHAR)"
            ));
        }
        if out.iter().any(|(k, _)| k == n) {
            return Err(duplicate_reason(n));
        }
        out.push((n.to_string(), v.to_string()));
    }
    Ok(out)
}

/// Why a list with the tag `name` twice is rejected, in the RFC's words.
pub(crate) fn duplicate_reason(name: &str) -> String {
    format!("{name}= appears more than once: the entire tag-list is invalid (RFC 6376 §3.2)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_grammar() {
        // Any order, a trailing ";", FWS around names and values.
        let t = strict(" b = 2 ;\r\n a=1; ").unwrap();
        assert_eq!(t, vec![("b".into(), "2".into()), ("a".into(), "1".into())]);
        // Empty tag-specs, bad names, no "=", control characters, repeats: not a tag-list.
        for bad in [
            "a=1;;b=2", ";a=1", "a=1;;", ";", "a=1; ==", "1a=1", "a-b=1", "a=1; b", "a=1\x01",
            "a=1; a=2",
        ] {
            assert!(strict(bad).is_err(), "{bad:?}");
        }
        assert_eq!(strict("").unwrap(), vec![]);
        assert_eq!(
            strict("a=1; b=2; a=3").unwrap_err(),
            "a= appears more than once: the entire tag-list is invalid (RFC 6376 §3.2)"
        );
        // DKIM tag names are case-sensitive: A= and a= are two tags.
        assert_eq!(strict("a=1; A=2").unwrap().len(), 2);
    }

    #[test]
    fn lenient_reading_keeps_faults_for_the_caller() {
        let t = parse(" v = DMARC1 ;p=reject;; bad ;\t", Names::IgnoreCase).unwrap();
        assert!(t.empty_spec);
        let names: Vec<&str> = t.specs.iter().map(|s| s.name).collect();
        assert_eq!(names, ["v", "p", "bad"]);
        assert!(!t.specs[2].well_formed());
        assert_eq!(t.get("p"), Some("reject"));
        assert_eq!(t.get("bad"), None);
        // One trailing ";" is the grammar's; a leading one is not.
        assert!(!parse("a=1;", Names::Exact).unwrap().empty_spec);
        assert!(parse(";a=1", Names::Exact).unwrap().empty_spec);
        assert!(valid_name("rua"));
        assert!(valid_name("x_a1"));
        assert!(!valid_name("1x"));
        assert!(!valid_name(""));
        assert!(!valid_name("a-b"));
    }

    #[test]
    fn a_duplicate_invalidates_the_whole_list() {
        assert_eq!(parse("a=1; b=2; a=3", Names::Exact), Err(Duplicate("a")));
        // Case: DKIM compares exactly, DMARC ignores case.
        assert!(parse("p=1; P=2", Names::Exact).is_ok());
        assert_eq!(parse("p=1; P=2", Names::IgnoreCase), Err(Duplicate("P")));
        // A malformed element is not a tag, so it repeats nothing.
        assert!(parse("a=1; a", Names::Exact).is_ok());
    }
}
