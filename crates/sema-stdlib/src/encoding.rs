//! Hashing, base64 and identifiers (spec/stdlib.md §22): `hash/sha256`,
//! `hash/md5`, `hash/hmac-sha256`, `base64/encode`, `base64/decode`,
//! `base64/encode-bytes`, `base64/decode-bytes`, `uuid/v4`.
//!
//! Hashes are of the UTF-8 bytes of strings and are returned as lower-case
//! hex; base64 is the standard alphabet with `=` padding.

use std::fmt::Write;

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use md5::Md5;
use sema_core::{Arity, Ctx, Error, Result, Value};
use sha2::{Digest, Sha256};

use crate::util::string;
use crate::{builtin, Builtin};

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin(
        "hash/sha256",
        Arity::Exact(1),
        sha256,
        "lower-case hex SHA-256 of a string's UTF-8 bytes",
    ),
    builtin(
        "hash/md5",
        Arity::Exact(1),
        md5,
        "lower-case hex MD5 of a string's UTF-8 bytes",
    ),
    builtin(
        "hash/hmac-sha256",
        Arity::Exact(2),
        hmac_sha256,
        "(hash/hmac-sha256 key msg): lower-case hex HMAC-SHA256",
    ),
    builtin(
        "base64/encode",
        Arity::Exact(1),
        base64_encode,
        "base64 (standard alphabet, padded) of a string's UTF-8 bytes",
    ),
    builtin(
        "base64/decode",
        Arity::Exact(1),
        base64_decode,
        "the string whose UTF-8 bytes a base64 text encodes",
    ),
    builtin(
        "base64/encode-bytes",
        Arity::Exact(1),
        base64_encode_bytes,
        "base64 (standard alphabet, padded) of a bytevector",
    ),
    builtin(
        "base64/decode-bytes",
        Arity::Exact(1),
        base64_decode_bytes,
        "the bytevector a base64 text encodes",
    ),
    builtin(
        "uuid/v4",
        Arity::Exact(0),
        uuid_v4,
        "a random version-4 UUID string (36 chars, lower-case)",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn hex(bytes: &[u8]) -> Value {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    Value::string(out)
}

fn sha256(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(hex(&Sha256::digest(s.as_bytes())))
}

fn md5(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(hex(&Md5::digest(s.as_bytes())))
}

fn hmac_sha256(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let key = string(&args[0])?;
    let msg = string(&args[1])?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|e| Error::eval(format!("hash/hmac-sha256: {e}")))?;
    mac.update(msg.as_bytes());
    Ok(hex(&mac.finalize().into_bytes()))
}

fn base64_encode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let s = string(&args[0])?;
    Ok(Value::string(BASE64.encode(s.as_bytes())))
}

fn decode_base64(name: &str, text: &str) -> Result<Vec<u8>> {
    BASE64
        .decode(text.as_bytes())
        .map_err(|e| Error::eval(format!("{name}: {e}")))
}

fn base64_decode(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let bytes = decode_base64("base64/decode", string(&args[0])?)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::eval(format!("base64/decode: invalid UTF-8: {e}")))?;
    Ok(Value::string(text))
}

fn base64_encode_bytes(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let bytes = args[0]
        .as_bytevector()
        .ok_or_else(|| Error::type_error("bytevector", &args[0]))?;
    Ok(Value::string(BASE64.encode(bytes)))
}

fn base64_decode_bytes(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let bytes = decode_base64("base64/decode-bytes", string(&args[0])?)?;
    Ok(Value::bytevector(bytes))
}

fn uuid_v4(_: &mut dyn Ctx, _: &mut [Value]) -> Result<Value> {
    Ok(Value::string(uuid::Uuid::new_v4().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;
    use sema_core::printer::repr;

    fn s(x: &str) -> Value {
        Value::string(x)
    }

    fn text(name: &str, args: &[Value]) -> String {
        call(name, args).unwrap().as_str().unwrap().to_string()
    }

    #[test]
    fn hashes() {
        assert_eq!(
            text("hash/sha256", &[s("")]),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            text("hash/sha256", &[s("abc")]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            text("hash/md5", &[s("sema")]),
            "089ac4682a780fd36a19a6279c977758"
        );
        assert_eq!(
            text("hash/md5", &[s("")]),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            text("hash/hmac-sha256", &[s("key"), s("msg")]),
            "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628"
        );
        let e = call("hash/sha256", &[Value::int(1)]).unwrap_err();
        assert_eq!(e.message(), "expected string, got int");
    }

    #[test]
    fn base64_strings() {
        assert_eq!(text("base64/encode", &[s("sema!")]), "c2VtYSE=");
        assert_eq!(text("base64/encode", &[s("")]), "");
        assert_eq!(text("base64/decode", &[s("U2VtYQ==")]), "Sema");
        for bad in ["%%%", "U2VtYQ="] {
            let e = call("base64/decode", &[s(bad)]).unwrap_err();
            assert_eq!(e.type_keyword(), "eval", "{bad}");
            assert!(e.message().starts_with("base64/decode: "));
        }
        // Valid base64 of bytes that are not UTF-8.
        let e = call("base64/decode", &[s("/w==")]).unwrap_err();
        assert!(e.message().starts_with("base64/decode: invalid UTF-8"));
    }

    #[test]
    fn base64_bytes() {
        assert_eq!(
            text("base64/encode-bytes", &[Value::bytevector(vec![0, 255, 1])]),
            "AP8B"
        );
        assert_eq!(
            repr(&call("base64/decode-bytes", &[s("AP8B")]).unwrap()),
            "#u8(0 255 1)"
        );
        let e = call("base64/encode-bytes", &[s("x")]).unwrap_err();
        assert_eq!(e.message(), "expected bytevector, got string");
        let e = call("base64/decode-bytes", &[s("A")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
    }

    #[test]
    fn uuid_shape() {
        let u = text("uuid/v4", &[]);
        assert_eq!(u.len(), 36);
        let bytes = u.as_bytes();
        for (i, c) in u.chars().enumerate() {
            if [8, 13, 18, 23].contains(&i) {
                assert_eq!(c, '-');
            } else {
                assert!(c.is_ascii_hexdigit() && !c.is_ascii_uppercase());
            }
        }
        assert_eq!(bytes[14], b'4');
        assert_ne!(u, text("uuid/v4", &[]));
    }
}
