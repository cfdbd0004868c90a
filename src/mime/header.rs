//! Header field values: Content-Type / Content-Disposition parameters (RFC 2045 §5.1, with
//! RFC 2231 continuations and charsets) and RFC 2047 encoded-words. Charset conversion is
//! mail-parser's (its tables cover the charsets seen in mail); the parsing is ours, so that a
//! malformed value is reported rather than silently guessed.

use mail_parser::decoders::charsets::map::charset_decoder;

/// Bytes in `charset` as text; `None` when the charset is unknown. UTF-8 and US-ASCII are
/// checked here (mail-parser's decoders replace what does not decode).
pub(crate) fn decode_charset(charset: &str, bytes: &[u8]) -> Option<String> {
    let cs = charset.trim().to_ascii_lowercase();
    match cs.as_str() {
        "utf-8" | "utf8" | "us-ascii" | "ascii" | "" => {
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
        _ => charset_decoder(cs.as_bytes()).map(|f| f(bytes)),
    }
}

/// Whether `charset` is one this tool can decode at all.
pub(crate) fn known_charset(charset: &str) -> bool {
    decode_charset(charset, b"").is_some()
}

/// `type/subtype` and the parameters of a Content-Type or Content-Disposition value. The first
/// item is returned lower-cased and without comments; parameter names lower-cased, values as
/// given (RFC 2231 assembled and decoded).
pub(crate) fn split_value(value: &str) -> (String, Vec<(String, String)>) {
    let value = strip_comments(value);
    let mut items = split_semicolons(&value).into_iter();
    let first = items.next().unwrap_or_default().trim().to_ascii_lowercase();
    let mut raw: Vec<(String, String)> = Vec::new();
    for item in items {
        let Some((name, val)) = item.split_once('=') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let val = val.trim();
        let val = match val.strip_prefix('"') {
            Some(q) => unquote(q),
            None => val.to_string(),
        };
        if !name.is_empty() {
            raw.push((name, val));
        }
    }
    (first, rfc2231(raw))
}

/// `(…)` comments outside quoted strings removed (RFC 5322 §3.2.2), nesting bounded by input.
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    for c in s.chars() {
        if escaped {
            escaped = false;
            if depth == 0 {
                out.push(c);
            }
            continue;
        }
        match c {
            '\\' if quoted || depth > 0 => {
                escaped = true;
                if depth == 0 {
                    out.push(c);
                }
            }
            '"' if depth == 0 => {
                quoted = !quoted;
                out.push(c);
            }
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn split_semicolons(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let (mut quoted, mut escaped) = (false, false);
    for c in s.chars() {
        let cur = out.last_mut().expect("never empty");
        if escaped {
            escaped = false;
            cur.push(c);
            continue;
        }
        match c {
            '\\' if quoted => {
                escaped = true;
                cur.push(c);
            }
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ';' if !quoted => out.push(String::new()),
            _ => cur.push(c),
        }
    }
    out
}

/// A quoted-string's content after the opening quote, escapes undone (RFC 5322 §3.2.4).
fn unquote(q: &str) -> String {
    let mut out = String::with_capacity(q.len());
    let mut chars = q.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '"' => break,
            _ => out.push(c),
        }
    }
    out
}

/// RFC 2231 §3-§4: `name*0`, `name*1*`… put together in index order, `name*` / `name*0*`
/// values percent-decoded in the charset named before the first `'`.
fn rfc2231(raw: Vec<(String, String)>) -> Vec<(String, String)> {
    struct Seg {
        index: u32,
        extended: bool,
        value: String,
    }
    let mut groups: Vec<(String, Vec<Seg>)> = Vec::new();
    for (name, value) in raw {
        let (name, extended) = match name.strip_suffix('*') {
            Some(n) => (n.to_string(), true),
            None => (name, false),
        };
        let (base, index) = match name.rsplit_once('*') {
            Some((b, i)) if !i.is_empty() && i.bytes().all(|c| c.is_ascii_digit()) => {
                (b.to_string(), i.parse().unwrap_or(u32::MAX))
            }
            _ => (name, 0),
        };
        let seg = Seg {
            index,
            extended,
            value,
        };
        match groups.iter_mut().find(|(n, _)| *n == base) {
            Some((_, segs)) => segs.push(seg),
            None => groups.push((base, vec![seg])),
        }
    }
    groups
        .into_iter()
        .map(|(name, mut segs)| {
            segs.sort_by_key(|s| s.index);
            let mut charset = String::new();
            let mut bytes = Vec::new();
            for (i, s) in segs.iter().enumerate() {
                if s.extended {
                    let mut v = s.value.as_str();
                    if i == 0 {
                        let mut it = v.splitn(3, '\'');
                        if let (Some(cs), Some(_lang), Some(rest)) =
                            (it.next(), it.next(), it.next())
                        {
                            charset = cs.to_string();
                            v = rest;
                        }
                    }
                    bytes.extend(percent_decode(v));
                } else {
                    bytes.extend_from_slice(s.value.as_bytes());
                }
            }
            let value = decode_charset(&charset, &bytes)
                .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
            (name, value)
        })
        .collect()
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let h = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("00");
            out.push(u8::from_str_radix(h, 16).unwrap_or(0));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// RFC 2047 encoded-words decoded (`=?charset?B|Q?text?=`); blanks between two adjacent
/// encoded-words dropped (§6.2); a malformed or unknown-charset word is left as it is.
pub(crate) fn rfc2047(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut pending_blank = String::new();
    let mut after_word = false;
    while !rest.is_empty() {
        if let Some((text, used)) = rest.starts_with("=?").then(|| word(rest)).flatten() {
            if !after_word {
                out.push_str(&pending_blank);
            }
            pending_blank.clear();
            out.push_str(&text);
            rest = &rest[used..];
            after_word = true;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        rest = &rest[c.len_utf8()..];
        if c == ' ' || c == '\t' {
            pending_blank.push(c);
            continue;
        }
        out.push_str(&pending_blank);
        pending_blank.clear();
        out.push(c);
        after_word = false;
    }
    out.push_str(&pending_blank);
    out
}

/// One encoded-word at the start of `s`: its text and how many bytes it took.
fn word(s: &str) -> Option<(String, usize)> {
    let inner = &s[2..];
    let q1 = inner.find('?')?;
    let charset = &inner[..q1];
    let after = &inner[q1 + 1..];
    let enc = after.chars().next()?;
    let after = after.get(1..)?.strip_prefix('?')?;
    let end = after.find("?=")?;
    let text = &after[..end];
    if text.contains(' ') || charset.is_empty() {
        return None;
    }
    // RFC 2231 §5: `charset*language`.
    let charset = charset.split('*').next().unwrap_or(charset);
    let bytes = match enc {
        'B' | 'b' => super::decode::base64(text.as_bytes()).ok()?,
        'Q' | 'q' => {
            let under: Vec<u8> = text
                .bytes()
                .map(|b| if b == b'_' { b' ' } else { b })
                .collect();
            super::decode::quoted_printable(&under).0
        }
        _ => return None,
    };
    let used = 2 + q1 + 1 + 1 + 1 + end + 2;
    Some((decode_charset(charset, &bytes)?, used))
}

/// The mailboxes' addr-specs of a From: value (RFC 5322 §3.4), read from the RAW value (not
/// RFC 2047-decoded: an encoded word is display-name text, never an address): comments
/// dropped (nested, with quoted-pairs), quoted strings kept whole, split on commas outside
/// quotes, angle brackets and comments, the addr-spec taken from `<…>` or as a bare addr-spec;
/// a group's display name (`name:` … `;`) skipped. Empty when any mailbox cannot be read:
/// a sender that cannot be read is not half-read.
pub(crate) fn mailboxes(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Per mailbox: its text outside `<…>` (comments dropped) and the text inside `<…>`.
    let (mut text, mut angle): (String, Option<String>) = (String::new(), None);
    let (mut depth, mut quoted, mut escaped, mut in_angle) = (0usize, false, false, false);
    let mut ok = true;
    let mut finish = |text: &mut String, angle: &mut Option<String>, ok: &mut bool| {
        let addr = match angle.take() {
            Some(a) => {
                let a = a.trim();
                // An obsolete route (RFC 5322 §4.4, `<@relay:addr>`): the address is after `:`.
                match a.strip_prefix('@').and_then(|r| r.split_once(':')) {
                    Some((_, rest)) => rest.trim().to_string(),
                    None => a.to_string(),
                }
            }
            None => text.trim().to_string(),
        };
        let had_text = !text.trim().is_empty();
        text.clear();
        if addr.is_empty() {
            // An empty list element (`a@x, , b@y`, RFC 5322 §4.4) is not a mailbox; a phrase
            // with no address is not one either.
            if had_text {
                *ok = false;
            }
            return;
        }
        match addr_spec(&addr) {
            Some(a) => out.push(a),
            None => *ok = false,
        }
    };
    for c in value.chars() {
        if escaped {
            escaped = false;
            if depth == 0 {
                let t = if in_angle {
                    angle.get_or_insert_with(String::new)
                } else {
                    &mut text
                };
                t.push('\\');
                t.push(c);
            }
            continue;
        }
        if depth > 0 {
            match c {
                '\\' => escaped = true,
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            continue;
        }
        if quoted {
            let t = if in_angle {
                angle.get_or_insert_with(String::new)
            } else {
                &mut text
            };
            match c {
                '\\' => escaped = true,
                '"' => {
                    quoted = false;
                    t.push(c);
                }
                _ => t.push(c),
            }
            continue;
        }
        match c {
            '(' => {
                depth = 1;
                // A comment separates like white space (RFC 5322 §3.2.2).
                if !in_angle {
                    text.push(' ');
                }
            }
            '"' => {
                quoted = true;
                let t = if in_angle {
                    angle.get_or_insert_with(String::new)
                } else {
                    &mut text
                };
                t.push(c);
            }
            '\\' => escaped = true,
            '<' if !in_angle => {
                if angle.is_some() {
                    ok = false; // two `<…>` in one mailbox
                }
                in_angle = true;
                angle = Some(String::new());
            }
            '>' if in_angle => in_angle = false,
            ':' if !in_angle => text.clear(), // a group's display name
            ',' | ';' if !in_angle => finish(&mut text, &mut angle, &mut ok),
            _ if in_angle => angle.get_or_insert_with(String::new).push(c),
            _ => text.push(c),
        }
    }
    if depth > 0 || quoted || in_angle {
        ok = false;
    }
    finish(&mut text, &mut angle, &mut ok);
    if ok { out } else { Vec::new() }
}

/// `local@domain` with no white space outside a quoted local part, or None.
fn addr_spec(a: &str) -> Option<String> {
    let (local, domain) = a.rsplit_once('@')?;
    let quoted_local = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    let bad = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\@".contains(c);
    if local.is_empty()
        || domain.is_empty()
        || domain.contains(bad)
        || (!quoted_local && local.contains(bad))
        || local.contains(|c: char| c.is_control())
    {
        return None;
    }
    Some(a.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_with_comments_quotes_and_case() {
        let (t, p) = split_value(r#"Multipart/Mixed (c); boundary="a;b\"c"; charset=UTF-8"#);
        assert_eq!(t, "multipart/mixed");
        assert_eq!(
            p,
            vec![
                ("boundary".into(), "a;b\"c".into()),
                ("charset".into(), "UTF-8".into())
            ]
        );
    }

    #[test]
    fn rfc2231_continuations_and_charset() {
        let (t, p) = split_value(
            "attachment; filename*0*=utf-8''Gr%C3%BC; filename*2=\".pdf\"; filename*1*=%C3%9Fe",
        );
        assert_eq!(t, "attachment");
        assert_eq!(p, vec![("filename".into(), "Grüße.pdf".into())]);
        let (_, p) = split_value("inline; filename*=iso-8859-1'de'%E4rger.txt");
        assert_eq!(p, vec![("filename".into(), "ärger.txt".into())]);
    }

    #[test]
    fn rfc2047_words() {
        assert_eq!(
            rfc2047("=?utf-8?Q?Gr=C3=BC=C3=9Fe?= =?UTF-8?B?IGF1cw==?= x"),
            "Grüße aus x"
        );
        assert_eq!(rfc2047("a =?iso-8859-1?q?=E4?= b"), "a ä b");
        assert_eq!(rfc2047("=?bogus?Q?x?="), "=?bogus?Q?x?=");
        assert_eq!(rfc2047("plain  text"), "plain  text");
    }
    #[test]
    fn from_mailboxes_per_rfc5322() {
        let m = |v: &str| mailboxes(v);
        assert_eq!(m("alice@example.com (Alice)"), ["alice@example.com"]);
        assert_eq!(m("a@x, b@y"), ["a@x", "b@y"]);
        // A `<…>` in a comment is no address.
        assert_eq!(m("ceo@bank.com (<attacker@evil.com>)"), ["ceo@bank.com"]);
        assert_eq!(
            m("CEO (x (<a@evil>) \\) <b@evil>) <ceo@bank.com>"),
            ["ceo@bank.com"]
        );
        // `<` and commas inside a quoted display name or local part.
        assert_eq!(
            m(r#""Evil <a@evil.com>, x" <ceo@bank.com>"#),
            ["ceo@bank.com"]
        );
        assert_eq!(m(r#""a,b"@x.test"#), [r#""a,b"@x.test"#]);
        assert_eq!(m(r#"Q <"a\"<b>,c"@x.test>"#), [r#""a\"<b>,c"@x.test"#]);
        // Groups: the display name is not a mailbox.
        assert_eq!(m("Team: a@x, b@y;"), ["a@x", "b@y"]);
        assert_eq!(m("undisclosed:;"), Vec::<String>::new());
        // An encoded word is display-name text, read raw.
        assert_eq!(
            m("=?utf-8?q?=3Cevil=40x=3E?= <Alice@Example.COM>"),
            ["Alice@Example.COM"]
        );
        assert_eq!(m("Alice <@relay.test:alice@x.test>"), ["alice@x.test"]);
        // Unreadable: nothing, not half.
        assert!(m("Just A Name").is_empty());
        assert!(m("a@x, Just A Name").is_empty());
        assert!(m("<a@x> <b@y>").is_empty());
        assert!(m("a b@x").is_empty());
        assert!(m("(unclosed a@x").is_empty());
        assert!(m("").is_empty());
    }
}
