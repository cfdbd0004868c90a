//! Message transfer encoding for DATA (RFC 5321 §4.5.2) and BDAT (RFC 3030): every line ending
//! becomes CRLF, and for DATA a leading '.' is doubled, so no message can end the transfer early or
//! smuggle a second message (the "SMTP smuggling" class).

/// Streaming encoder: feed any bytes in any chunking, get a wire-safe body.
#[derive(Debug)]
pub(crate) struct Encoder {
    dot_stuff: bool,
    at_line_start: bool,
    pending_cr: bool,
    /// Lines emitted so far (each ends in CRLF).
    pub lines: u64,
}

impl Encoder {
    /// `dot_stuff`: true for DATA, false for BDAT (which is length-framed).
    pub(crate) fn new(dot_stuff: bool) -> Self {
        Encoder {
            dot_stuff,
            at_line_start: true,
            pending_cr: false,
            lines: 0,
        }
    }

    fn newline(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\r\n");
        self.at_line_start = true;
        self.lines += 1;
    }

    pub(crate) fn encode(&mut self, input: &[u8], out: &mut Vec<u8>) {
        out.reserve(input.len() + input.len() / 64 + 4);
        for &b in input {
            match b {
                b'\r' => {
                    if self.pending_cr {
                        // CR CR: the first was a bare CR.
                        self.newline(out);
                    }
                    self.pending_cr = true;
                }
                b'\n' => {
                    // CRLF, or a bare LF: both become one CRLF.
                    self.pending_cr = false;
                    self.newline(out);
                }
                _ => {
                    if self.pending_cr {
                        self.pending_cr = false;
                        self.newline(out);
                    }
                    if self.at_line_start && b == b'.' && self.dot_stuff {
                        out.push(b'.');
                    }
                    out.push(b);
                    self.at_line_start = false;
                }
            }
        }
    }

    /// End the body: terminate an unfinished last line, then (DATA only) the `.` line.
    pub(crate) fn finish(&mut self, out: &mut Vec<u8>) {
        if self.pending_cr || !self.at_line_start {
            self.pending_cr = false;
            self.newline(out);
        }
        if self.dot_stuff {
            out.extend_from_slice(b".\r\n");
        }
    }
}

/// Encode a whole message for DATA, including the terminating `.` line.
pub(crate) fn encode_data(msg: &[u8]) -> (Vec<u8>, u64) {
    let mut e = Encoder::new(true);
    let mut out = Vec::with_capacity(msg.len() + 64);
    e.encode(msg, &mut out);
    e.finish(&mut out);
    (out, e.lines)
}

/// Encode a whole message for BDAT (CRLF only, no stuffing, no terminator).
pub(crate) fn encode_bdat(msg: &[u8]) -> (Vec<u8>, u64) {
    let mut e = Encoder::new(false);
    let mut out = Vec::with_capacity(msg.len() + 64);
    e.encode(msg, &mut out);
    e.finish(&mut out);
    (out, e.lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(s: &[u8]) -> Vec<u8> {
        encode_data(s).0
    }

    #[test]
    fn stuffing_and_line_endings() {
        assert_eq!(data(b"a\r\nb\r\n"), b"a\r\nb\r\n.\r\n");
        assert_eq!(data(b"a\nb"), b"a\r\nb\r\n.\r\n");
        assert_eq!(data(b".\r\n"), b"..\r\n.\r\n");
        assert_eq!(data(b"x\n.\ny"), b"x\r\n..\r\ny\r\n.\r\n");
        assert_eq!(data(b"x\r.\ry"), b"x\r\n..\r\ny\r\n.\r\n");
        assert_eq!(data(b"x\n.\r\ny"), b"x\r\n..\r\ny\r\n.\r\n");
        assert_eq!(data(b".hidden"), b"..hidden\r\n.\r\n");
        assert_eq!(data(b"a\r\r\nb"), b"a\r\n\r\nb\r\n.\r\n");
        assert_eq!(data(b"end\r"), b"end\r\n.\r\n");
        assert_eq!(data(b""), b".\r\n");
    }

    #[test]
    fn chunking_does_not_matter() {
        let msg = b"Subject: x\r\n\r\n.line\n\r.\r\r\n..two\rlast.";
        let whole = data(msg);
        for split in 0..msg.len() {
            let mut e = Encoder::new(true);
            let mut out = Vec::new();
            e.encode(&msg[..split], &mut out);
            e.encode(&msg[split..], &mut out);
            e.finish(&mut out);
            assert_eq!(out, whole, "split at {split}");
        }
    }

    /// Property: for any input, the encoded body has only CRLF line endings and the only line
    /// that is exactly "." is the terminator, so the end of data cannot be forged.
    #[test]
    fn no_input_can_forge_end_of_data() {
        let alphabet = [b'\r', b'\n', b'.', b'a'];
        // Every string of length up to 7 over the dangerous alphabet (4^7 = 16384 inputs).
        for len in 0..=7u32 {
            for n in 0..4usize.pow(len) {
                let mut input = Vec::new();
                let mut k = n;
                for _ in 0..len {
                    input.push(alphabet[k % 4]);
                    k /= 4;
                }
                let out = data(&input);
                assert!(out.ends_with(b"\r\n.\r\n") || out == b".\r\n");
                let body = &out[..out.len() - 3];
                for (i, &b) in body.iter().enumerate() {
                    if b == b'\n' {
                        assert!(i > 0 && body[i - 1] == b'\r', "bare LF in {input:?}");
                    }
                    if b == b'\r' {
                        assert_eq!(body.get(i + 1), Some(&b'\n'), "bare CR in {input:?}");
                    }
                }
                assert!(
                    !body.split(|&b| b == b'\n').any(|l| l == b".\r"),
                    "forged end in {input:?}"
                );
            }
        }
    }

    /// A small deterministic PRNG (xorshift64*): property tests without a dependency, and any
    /// failure reproduces from the printed seed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// What the encoder must deliver: every CRLF, bare CR and bare LF becomes one CRLF, and an
    /// unterminated last line gets one.
    fn normalised(input: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < input.len() {
            match input[i] {
                b'\r' if input.get(i + 1) == Some(&b'\n') => {
                    out.extend_from_slice(b"\r\n");
                    i += 1;
                }
                b'\r' | b'\n' => out.extend_from_slice(b"\r\n"),
                b => out.push(b),
            }
            i += 1;
        }
        if !out.is_empty() && !out.ends_with(b"\r\n") {
            out.extend_from_slice(b"\r\n");
        }
        out
    }

    /// What a receiving MTA reads (RFC 5321 §4.5.2): lines up to the lone "." line, each leading
    /// dot removed. Panics on a bare CR or LF.
    fn receive(wire: &[u8], stuffed: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut rest = wire;
        loop {
            let Some(lf) = rest.iter().position(|&b| b == b'\n') else {
                assert!(rest.is_empty() && !stuffed, "no terminator: {wire:?}");
                return out;
            };
            assert!(lf > 0 && rest[lf - 1] == b'\r', "bare LF in {wire:?}");
            let line = &rest[..lf - 1];
            assert!(!line.contains(&b'\r'), "bare CR in {wire:?}");
            rest = &rest[lf + 1..];
            if stuffed && line == b"." {
                assert!(rest.is_empty(), "data after the terminator: {wire:?}");
                return out;
            }
            let line = if stuffed {
                line.strip_prefix(b".").unwrap_or(line)
            } else {
                line
            };
            out.extend_from_slice(line);
            out.extend_from_slice(b"\r\n");
        }
    }

    /// Property: for random bodies made of the dangerous bytes (CR, LF, '.', NUL, 0xFF, space)
    /// fed in random chunks, DATA puts only CRLF line endings and exactly one lone "." (the
    /// terminator) on the wire, and what the receiver reads back is the body with normalised
    /// line endings: `\n.\n`, `\r.\r`, `\n.\r\n` and friends can neither end the data early
    /// nor be altered. BDAT likewise, without stuffing.
    #[test]
    fn random_bodies_round_trip_through_data_and_bdat() {
        let alphabet = [b'\r', b'\n', b'.', b'.', b'a', b'\0', 0xff, b' '];
        let seed = 0x5eed_1e55_u64;
        let mut rng = Rng(seed);
        for case in 0..20_000 {
            let len = rng.below(48);
            let input: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            for stuffed in [true, false] {
                let mut e = Encoder::new(stuffed);
                let mut out = Vec::new();
                let mut rest = &input[..];
                while !rest.is_empty() {
                    let n = 1 + rng.below(rest.len());
                    e.encode(&rest[..n], &mut out);
                    rest = &rest[n..];
                }
                e.finish(&mut out);
                let whole = if stuffed {
                    encode_data(&input).0
                } else {
                    encode_bdat(&input).0
                };
                assert_eq!(
                    out, whole,
                    "chunking changed the output (seed {seed}, case {case})"
                );
                assert_eq!(
                    receive(&out, stuffed),
                    normalised(&input),
                    "seed {seed}, case {case}, input {input:?}"
                );
            }
        }
    }

    #[test]
    fn bdat_is_not_stuffed() {
        assert_eq!(encode_bdat(b".\nx").0, b".\r\nx\r\n");
    }
}
