//! Golden cases of `mime show` (tests/fixtures/mime) and `smime verify` (tests/fixtures/smime,
//! real OpenSSL signatures): files only, nothing on the network.

use super::*;

#[test]
fn golden_mime() {
    let mut g = Golden::default();
    g.pair("mime-show-nested", || {
        cmd(&["mime", "show", &fixture("mime/nested.eml")])
    });
    g.pair("mime-show-security", || {
        cmd(&["mime", "show", &fixture("mime/security.eml")])
    });
    g.finish();
}

#[test]
fn golden_smime() {
    let mut g = Golden::default();
    let ca = fixture("smime/ca.pem");
    let verify = |f: &str, ca: &str| cmd(&["smime", "verify", "--ca-file", ca, &fixture(f)]);
    g.pair("smime-verify-rsa", || verify("smime/signed-rsa.eml", &ca));
    g.pair("smime-verify-ec", || verify("smime/signed-ec.eml", &ca));
    g.pair("smime-verify-opaque", || verify("smime/opaque.eml", &ca));
    g.pair("smime-verify-lf-signed", || {
        verify("smime/binary-lf.eml", &ca)
    });
    g.pair("smime-verify-other-ca", || {
        verify("smime/signed-ec.eml", &fixture("smime/other-ca.pem"))
    });
    g.pair("smime-verify-encrypted", || {
        verify("smime/encrypted.eml", &ca)
    });
    g.pair("smime-verify-not-smime", || verify("mime/nested.eml", &ca));
    g.one(
        "smime-verify-quiet.txt",
        prefixed(&["-q"], verify("smime/signed-rsa.eml", &ca)),
    );
    g.finish();
}
