//! Message transfer encoding for DATA (RFC 5321 §4.5.2) and BDAT (RFC 3030): every line ending
//! becomes CRLF, and for DATA a leading '.' is doubled, so no message can end the transfer early or
//! smuggle a second message (the "SMTP smuggling" class).

/// Streaming encoder: feed any bytes in any chunking, get a wire-safe body.
#[derive(Debug)]
pub struct Encoder {
    dot_stuff: bool,
    at_line_start: bool,
    pending_cr: bool,
    /// Lines emitted so far (each ends in CRLF).
    pub lines: u64,
}

impl Encoder {
    /// `dot_stuff`: true for DATA, false for BDAT (which is length-framed).
    pub fn new(dot_stuff: bool) -> Self {
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

    pub fn encode(&mut self, input: &[u8], out: &mut Vec<u8>) {
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
    pub fn finish(&mut self, out: &mut Vec<u8>) {
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
pub fn encode_data(msg: &[u8]) -> (Vec<u8>, u64) {
    let mut e = Encoder::new(true);
    let mut out = Vec::with_capacity(msg.len() + 64);
    e.encode(msg, &mut out);
    e.finish(&mut out);
    (out, e.lines)
}

/// Encode a whole message for BDAT (CRLF only, no stuffing, no terminator).
pub fn encode_bdat(msg: &[u8]) -> (Vec<u8>, u64) {
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

    #[test]
    fn bdat_is_not_stuffed() {
        assert_eq!(encode_bdat(b".\nx").0, b".\r\nx\r\n");
    }
}
