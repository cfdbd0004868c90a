//! Strict parsers of the machine formats `mailctl check` writes, so tests check the output by
//! the rules monitoring systems apply, not by eye: Nagios plugin output (Nagios Plugin
//! Development Guidelines: status line, perfdata `'label'=value[UOM];[warn];[crit];[min];[max]`,
//! threshold ranges) and the Prometheus text exposition format 0.0.4.

#![allow(dead_code)]

pub mod nagios {
    /// A Nagios threshold range: alert when the value is outside start..end (inside with `@`).
    #[derive(Debug, Clone, PartialEq)]
    pub struct Range {
        pub inside: bool,
        pub start: f64,
        pub end: f64,
    }

    impl Range {
        /// Whether a value raises the alert this range describes.
        pub fn alerts(&self, v: f64) -> bool {
            let outside = v < self.start || v > self.end;
            if self.inside { !outside } else { outside }
        }
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Perf {
        pub label: String,
        pub value: f64,
        pub uom: String,
        pub warn: Option<Range>,
        pub crit: Option<Range>,
        pub min: Option<f64>,
        pub max: Option<f64>,
    }

    #[derive(Debug, Clone)]
    pub struct Output {
        pub service: String,
        pub state: String,
        pub text: String,
        pub perf: Vec<Perf>,
        /// The lines after the first (long text).
        pub long: Vec<String>,
    }

    impl Output {
        #[track_caller]
        pub fn perf(&self, label: &str) -> &Perf {
            self.perf
                .iter()
                .find(|p| p.label == label)
                .unwrap_or_else(|| panic!("no perfdata {label:?} in {:?}", self.perf))
        }
        pub fn has(&self, label: &str) -> bool {
            self.perf.iter().any(|p| p.label == label)
        }
    }

    /// `[-0-9.]` only, at least one digit, at most one dot (the guidelines' value class).
    fn number(s: &str) -> Result<f64, String> {
        let body = s.strip_prefix('-').unwrap_or(s);
        let ok = !body.is_empty()
            && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && body.bytes().filter(|&b| b == b'.').count() <= 1
            && body.bytes().any(|b| b.is_ascii_digit());
        if !ok {
            return Err(format!("{s:?} is not a perfdata number"));
        }
        s.parse().map_err(|e| format!("{s:?}: {e}"))
    }

    /// `[@]start:end` with `start` `~` for -infinity, `start:` open-ended, a bare `end` = 0:end.
    pub fn range(s: &str) -> Result<Range, String> {
        let (inside, r) = match s.strip_prefix('@') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (start, end) = match r.split_once(':') {
            None => (0.0, number(r)?),
            Some((a, b)) => {
                let start = if a == "~" {
                    f64::NEG_INFINITY
                } else if a.is_empty() {
                    0.0
                } else {
                    number(a)?
                };
                let end = if b.is_empty() {
                    f64::INFINITY
                } else {
                    number(b)?
                };
                (start, end)
            }
        };
        if start > end {
            return Err(format!("range {s:?}: start is above end"));
        }
        Ok(Range { inside, start, end })
    }

    /// Split perfdata at spaces that are not inside a quoted label.
    fn tokens(s: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        for c in s.chars() {
            match c {
                '\'' => {
                    quoted = !quoted;
                    cur.push(c);
                }
                ' ' if !quoted => {
                    if cur.is_empty() {
                        return Err(format!("two spaces in a row in perfdata {s:?}"));
                    }
                    out.push(std::mem::take(&mut cur));
                }
                c => cur.push(c),
            }
        }
        if quoted {
            return Err(format!("unterminated quote in perfdata {s:?}"));
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        Ok(out)
    }

    const UOMS: &[&str] = &["", "s", "ms", "us", "%", "B", "KB", "MB", "TB", "c"];

    pub fn perf(tok: &str) -> Result<Perf, String> {
        let (label, rest) = if let Some(r) = tok.strip_prefix('\'') {
            let (l, after) = r
                .split_once('\'')
                .ok_or_else(|| format!("{tok:?}: unterminated label"))?;
            let after = after
                .strip_prefix('=')
                .ok_or_else(|| format!("{tok:?}: no '=' after the label"))?;
            (l.to_string(), after)
        } else {
            let (l, after) = tok
                .split_once('=')
                .ok_or_else(|| format!("{tok:?}: no '='"))?;
            (l.to_string(), after)
        };
        if label.is_empty() || label.contains(['=', '\'']) {
            return Err(format!("{tok:?}: bad label"));
        }
        let fields: Vec<&str> = rest.split(';').collect();
        if fields.len() > 5 {
            return Err(format!("{tok:?}: more than 5 fields"));
        }
        let v = fields[0];
        let split = v
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(v.len());
        let (value, uom) = v.split_at(split);
        let value = number(value).map_err(|e| format!("{tok:?}: {e}"))?;
        if !UOMS.contains(&uom) {
            return Err(format!("{tok:?}: unit {uom:?} is not a Nagios UOM"));
        }
        let opt = |i: usize,
                   f: &dyn Fn(&str) -> Result<Range, String>|
         -> Result<Option<Range>, String> {
            match fields.get(i) {
                None | Some(&"") => Ok(None),
                Some(s) => f(s).map(Some),
            }
        };
        let optn = |i: usize| -> Result<Option<f64>, String> {
            match fields.get(i) {
                None | Some(&"") => Ok(None),
                Some(s) => number(s).map(Some),
            }
        };
        Ok(Perf {
            label,
            value,
            uom: uom.to_string(),
            warn: opt(1, &range).map_err(|e| format!("{tok:?}: warn {e}"))?,
            crit: opt(2, &range).map_err(|e| format!("{tok:?}: crit {e}"))?,
            min: optn(3).map_err(|e| format!("{tok:?}: min {e}"))?,
            max: optn(4).map_err(|e| format!("{tok:?}: max {e}"))?,
        })
    }

    /// Parse plugin output and check it against the exit code.
    pub fn parse(stdout: &str, exit: i32) -> Result<Output, String> {
        if !stdout.ends_with('\n') {
            return Err("output does not end with a newline".into());
        }
        let mut lines = stdout.lines();
        let first = lines.next().ok_or("no output")?;
        let (status, perfdata) = match first.split_once(" | ") {
            Some((a, b)) => (a, Some(b)),
            None => (first, None),
        };
        if status.contains('|') || perfdata.is_some_and(|p| p.contains('|')) {
            return Err(format!("stray '|' in {first:?}"));
        }
        let (service, rest) = status
            .split_once(' ')
            .ok_or_else(|| format!("no service name in {first:?}"))?;
        let (state, text) = rest
            .split_once(" - ")
            .ok_or_else(|| format!("no 'STATE - text' in {first:?}"))?;
        let code = match state {
            "OK" => 0,
            "WARNING" => 1,
            "CRITICAL" => 2,
            "UNKNOWN" => 3,
            s => return Err(format!("{s:?} is not a Nagios state")),
        };
        if code != exit {
            return Err(format!("state {state} but exit code {exit}"));
        }
        if service.is_empty() || text.is_empty() {
            return Err(format!("empty service or text in {first:?}"));
        }
        let mut perfs = Vec::new();
        if let Some(p) = perfdata {
            for t in tokens(p)? {
                let pd = perf(&t)?;
                if perfs.iter().any(|x: &Perf| x.label == pd.label) {
                    return Err(format!("perfdata label {:?} twice", pd.label));
                }
                perfs.push(pd);
            }
        }
        let long: Vec<String> = lines.map(String::from).collect();
        if let Some(l) = long.iter().find(|l| l.contains('|')) {
            return Err(format!("'|' in long text: {l:?}"));
        }
        Ok(Output {
            service: service.to_string(),
            state: state.to_string(),
            text: text.to_string(),
            perf: perfs,
            long,
        })
    }

    #[test]
    fn parser_accepts_the_guidelines_forms_and_rejects_others() {
        let o = parse(
            "SMTP OK - fine | time=0.01s;0.5;2;0 'a b'=3;10:;5:; c=1c\nmore\n",
            0,
        )
        .unwrap();
        assert_eq!(
            o.perf("time").warn,
            Some(Range {
                inside: false,
                start: 0.0,
                end: 0.5
            })
        );
        assert!(o.perf("a b").warn.as_ref().unwrap().alerts(9.0));
        assert!(!o.perf("a b").warn.as_ref().unwrap().alerts(10.0));
        assert_eq!(o.long, ["more"]);
        assert!(range("@10:20").unwrap().alerts(15.0));
        assert!(range("~:10").unwrap().alerts(11.0));
        for bad in [
            "SMTP OK - x | t=1x\n",
            "SMTP OK - x | t=1e3s\n",
            "SMTP OK - x | t=\n",
            "SMTP OK - x | 'a=1\n",
            "SMTP OK - x | t=1;2;3;4;5;6\n",
            "SMTP OK - x | t=1;20:10\n",
            "SMTP FINE - x\n",
            "SMTP OK - x | t=1 t=2\n",
            "SMTP OK - x | t=1\nlong | t=2\n",
            "SMTP OK - x",
        ] {
            assert!(parse(bad, 0).is_err(), "{bad:?} should be rejected");
        }
        assert!(
            parse("SMTP OK - x\n", 2).is_err(),
            "state and exit code disagree"
        );
    }
}

pub mod prom {
    use std::collections::{BTreeMap, HashMap, HashSet};

    #[derive(Debug, Clone, PartialEq)]
    pub struct Sample {
        pub name: String,
        pub labels: BTreeMap<String, String>,
        pub value: f64,
    }

    #[derive(Debug, Default)]
    pub struct Exposition {
        pub samples: Vec<Sample>,
        pub help: HashMap<String, String>,
        pub types: HashMap<String, String>,
        pub comments: Vec<String>,
    }

    impl Exposition {
        /// The value of the one sample with this name and these labels (others may exist).
        #[track_caller]
        pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
            let found: Vec<&Sample> = self
                .samples
                .iter()
                .filter(|s| {
                    s.name == name
                        && labels
                            .iter()
                            .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
                })
                .collect();
            assert_eq!(found.len(), 1, "{name} {labels:?}: {:?}", self.samples);
            found[0].value
        }
        pub fn named(&self, name: &str) -> Vec<&Sample> {
            self.samples.iter().filter(|s| s.name == name).collect()
        }
    }

    fn metric_name(s: &str) -> bool {
        let mut b = s.bytes();
        matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_' || c == b':')
            && b.all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b':')
    }

    fn label_name(s: &str) -> bool {
        let mut b = s.bytes();
        matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
            && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && !s.starts_with("__")
    }

    /// Go's ParseFloat as Prometheus uses it: decimals, exponents, NaN, +Inf, -Inf.
    fn float(s: &str) -> Result<f64, String> {
        match s {
            "NaN" => return Ok(f64::NAN),
            "+Inf" | "Inf" => return Ok(f64::INFINITY),
            "-Inf" => return Ok(f64::NEG_INFINITY),
            _ => {}
        }
        if s.is_empty()
            || !s
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        {
            return Err(format!("{s:?} is not a sample value"));
        }
        s.parse().map_err(|e| format!("{s:?}: {e}"))
    }

    /// `{a="x",b="y"}` → labels; returns the rest of the line after `}`.
    fn labels(s: &str) -> Result<(BTreeMap<String, String>, &str), String> {
        let mut out = BTreeMap::new();
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix('}') {
                return Ok((out, r));
            }
            let (name, after) = rest
                .split_once("=\"")
                .ok_or_else(|| format!("label without =\"…\" in {s:?}"))?;
            if !label_name(name) {
                return Err(format!("bad label name {name:?}"));
            }
            let mut value = String::new();
            let mut chars = after.char_indices();
            let end = loop {
                match chars.next() {
                    None => return Err(format!("unterminated label value in {s:?}")),
                    Some((_, '\\')) => match chars.next() {
                        Some((_, '\\')) => value.push('\\'),
                        Some((_, '"')) => value.push('"'),
                        Some((_, 'n')) => value.push('\n'),
                        other => return Err(format!("bad escape {other:?} in {s:?}")),
                    },
                    Some((i, '"')) => break i,
                    Some((_, '\n')) => return Err("raw newline in a label value".into()),
                    Some((_, c)) => value.push(c),
                }
            };
            if out.insert(name.to_string(), value).is_some() {
                return Err(format!("label {name} twice in {s:?}"));
            }
            rest = &after[end + 1..];
            if let Some(r) = rest.strip_prefix(',') {
                rest = r;
            } else if !rest.starts_with('}') {
                return Err(format!("expected ',' or '}}' in {s:?}"));
            }
        }
    }

    pub fn parse(text: &str) -> Result<Exposition, String> {
        if !text.is_empty() && !text.ends_with('\n') {
            return Err("does not end with a newline".into());
        }
        let mut e = Exposition::default();
        let mut done_families: HashSet<String> = HashSet::new();
        let mut current: Option<String> = None;
        let mut series: HashSet<String> = HashSet::new();
        let mut with_samples: HashSet<String> = HashSet::new();
        for line in text.lines() {
            if line.is_empty() {
                continue;
            }
            if let Some(c) = line.strip_prefix('#') {
                let c = c.strip_prefix(' ').unwrap_or(c);
                let mut w = c.splitn(3, ' ');
                match (w.next(), w.next(), w.next()) {
                    (Some("HELP"), Some(name), Some(doc)) => {
                        if !metric_name(name) {
                            return Err(format!("HELP for a bad name {name:?}"));
                        }
                        if doc.contains('\\')
                            && doc.replace("\\\\", "").replace("\\n", "").contains('\\')
                        {
                            return Err(format!("bad escape in HELP {doc:?}"));
                        }
                        if e.help.insert(name.into(), doc.into()).is_some() {
                            return Err(format!("two HELP lines for {name}"));
                        }
                    }
                    (Some("TYPE"), Some(name), Some(t)) => {
                        if !metric_name(name) {
                            return Err(format!("TYPE for a bad name {name:?}"));
                        }
                        if !["counter", "gauge", "histogram", "summary", "untyped"].contains(&t) {
                            return Err(format!("unknown type {t:?}"));
                        }
                        if with_samples.contains(name) {
                            return Err(format!("TYPE of {name} after its samples"));
                        }
                        if e.types.insert(name.into(), t.into()).is_some() {
                            return Err(format!("two TYPE lines for {name}"));
                        }
                    }
                    (Some("HELP" | "TYPE"), _, _) => {
                        return Err(format!("incomplete {line:?}"));
                    }
                    _ => e.comments.push(c.to_string()),
                }
                continue;
            }
            let name_end = line
                .find(['{', ' '])
                .ok_or_else(|| format!("no value in {line:?}"))?;
            let name = &line[..name_end];
            if !metric_name(name) {
                return Err(format!("bad metric name {name:?}"));
            }
            let (labels, rest) = match line[name_end..].strip_prefix('{') {
                Some(r) => labels(r)?,
                None => (BTreeMap::new(), &line[name_end..]),
            };
            let rest = rest
                .strip_prefix(' ')
                .ok_or_else(|| format!("no space before the value in {line:?}"))?;
            let mut parts = rest.split(' ');
            let value = float(parts.next().unwrap_or(""))?;
            if let Some(ts) = parts.next()
                && ts.parse::<i64>().is_err()
            {
                return Err(format!("bad timestamp {ts:?}"));
            }
            if parts.next().is_some() {
                return Err(format!("trailing text in {line:?}"));
            }
            // Samples of a family come together: once another family started, it is closed.
            if current.as_deref() != Some(name) {
                if done_families.contains(name) {
                    return Err(format!("samples of {name} are not grouped together"));
                }
                if let Some(c) = current.take() {
                    done_families.insert(c);
                }
                current = Some(name.to_string());
            }
            let key = format!("{name}{labels:?}");
            if !series.insert(key) {
                return Err(format!("duplicate series in {line:?}"));
            }
            with_samples.insert(name.to_string());
            e.samples.push(Sample {
                name: name.to_string(),
                labels,
                value,
            });
        }
        Ok(e)
    }

    #[test]
    fn parser_is_strict() {
        let ok = "# HELP m_x A thing.\n# TYPE m_x gauge\nm_x{a=\"q\\\"\\\\\\n\",b=\"\"} 1.5\nm_x{a=\"r\"} NaN 123\n# just a comment\n";
        let e = parse(ok).unwrap();
        assert_eq!(e.samples[0].labels["a"], "q\"\\\n");
        assert_eq!(e.value("m_x", &[("b", "")]), 1.5);
        for bad in [
            "m_x 1",
            "1x 1\n",
            "m_x{a=\"1\"} 1\nm_x{a=\"1\"} 2\n",
            "m_x 1\nm_y 1\nm_x{a=\"2\"} 1\n",
            "m_x{a=\"1\",a=\"2\"} 1\n",
            "m_x{a=\"\\t\"} 1\n",
            "m_x{__a=\"1\"} 1\n",
            "m_x{a=1} 1\n",
            "m_x one\n",
            "m_x 1\n# TYPE m_x gauge\n",
            "# TYPE m_x gauge\n# TYPE m_x gauge\n",
            "# TYPE m_x bogus\n",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
