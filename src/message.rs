//! Building the message to send: generated with mail-builder from --subject/--body/--header/
//! --attach, or taken as is from --data.

use crate::error::Failure;
use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;
use std::io::Read;
use std::path::PathBuf;

pub(crate) struct MessageSpec {
    pub from: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub body_file: Option<PathBuf>,
    pub headers: Vec<String>,
    pub attach: Vec<PathBuf>,
    /// `--data FILE` or `-` for stdin: used as is.
    pub data: Option<String>,
}

/// Check a `Name: value` header argument. The value may not contain CR or LF: a header argument
/// must never be able to inject further headers or end the header block.
pub(crate) fn parse_header(h: &str) -> Result<(String, String), Failure> {
    let (name, value) = h
        .split_once(':')
        .ok_or_else(|| Failure::usage(format!("--header {h:?}: expected 'Name: value'")))?;
    let name = name.trim();
    // RFC 5322 §2.2: field names are printable US-ASCII except ':'.
    if name.is_empty() || !name.bytes().all(|b| (33..=126).contains(&b)) {
        return Err(Failure::usage(format!(
            "--header {h:?}: bad header name {name:?}"
        )));
    }
    if value.contains(['\r', '\n']) {
        return Err(Failure::usage(format!(
            "--header {name}: value may not contain CR or LF"
        )));
    }
    Ok((name.to_string(), value.trim_start().to_string()))
}

fn read_file(path: &PathBuf, what: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::local_io_from(format!("{what} {}", path.display()), e))
}

/// Produce the message bytes.
pub(crate) fn build(spec: &MessageSpec) -> Result<Vec<u8>, Failure> {
    if let Some(src) = &spec.data {
        if src == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::local_io_from("--data -: reading stdin", e))?;
            return Ok(buf);
        }
        return read_file(&PathBuf::from(src), "--data");
    }
    let headers: Vec<(String, String)> = spec
        .headers
        .iter()
        .map(|h| parse_header(h))
        .collect::<Result<_, _>>()?;
    let overridden = |n: &str| headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(n));

    let mut b = MessageBuilder::new();
    if !overridden("From") && !spec.from.is_empty() {
        b = b.from(spec.from.as_str());
    }
    if !overridden("To") && !spec.to.is_empty() {
        b = b.to(spec.to.iter().map(String::as_str).collect::<Vec<_>>());
    }
    if !overridden("Cc") && !spec.cc.is_empty() {
        b = b.cc(spec.cc.iter().map(String::as_str).collect::<Vec<_>>());
    }
    if !overridden("Subject") {
        let subject = spec
            .subject
            .clone()
            .unwrap_or_else(|| format!("mailctl test message ({})", env!("CARGO_PKG_VERSION")));
        b = b.subject(subject);
    }
    for (name, value) in &headers {
        b = b.header(name.clone(), Raw::new(value.clone()));
    }
    let body = match (&spec.body, &spec.body_file) {
        (Some(t), _) => t.clone(),
        (None, Some(p)) => String::from_utf8(read_file(p, "--body-file")?).map_err(|_| {
            Failure::usage(format!(
                "--body-file {}: not UTF-8 text (use --attach or --data)",
                p.display()
            ))
        })?,
        (None, None) => "This is a test message sent by mailctl.\n".to_string(),
    };
    b = b.text_body(body);
    for path in &spec.attach {
        let bytes = read_file(path, "--attach")?;
        let ct = mime_guess::from_path(path)
            .first_or_octet_stream()
            .essence_str()
            .to_string();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "attachment".into());
        b = b.attachment(ct, name, bytes);
    }
    b.write_to_vec()
        .map_err(|e| Failure::local_io_from("building the message", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> MessageSpec {
        MessageSpec {
            from: "a@example.org".into(),
            to: vec!["b@example.org".into()],
            cc: vec![],
            subject: Some("Hi".into()),
            body: Some("line1\n.line2\n".into()),
            body_file: None,
            headers: vec![],
            attach: vec![],
            data: None,
        }
    }

    #[test]
    fn generated_message_has_headers_and_body() {
        let m = String::from_utf8(build(&spec()).unwrap()).unwrap();
        assert!(
            m.contains("From: <a@example.org>\r\n") || m.contains("From: a@example.org\r\n"),
            "{m}"
        );
        assert!(m.contains("Subject: Hi\r\n"));
        assert!(m.contains("Message-ID: <"));
        assert!(m.contains("Date: "));
        assert!(m.contains(".line2"));
    }

    #[test]
    fn header_override_and_injection() {
        let mut s = spec();
        s.headers = vec!["Subject: Replaced".into(), "X-Test: 1".into()];
        let m = String::from_utf8(build(&s).unwrap()).unwrap();
        assert_eq!(m.matches("Subject:").count(), 1, "{m}");
        assert!(m.contains("Subject: Replaced\r\n") && m.contains("X-Test: 1\r\n"));
        assert!(parse_header("X-Evil: a\r\nBcc: x").is_err());
        assert!(parse_header("Bad Name: x").is_err());
        assert!(parse_header("NoColon").is_err());
    }
}
