//! The canonical JSON form of RFC 8785 (JSON Canonicalization Scheme), for the policy's
//! fingerprint.
//!
//! A policy holds strings, booleans, null, non-negative integers, arrays and objects, so this
//! writes exactly those: object keys sorted by their UTF-16 code units (RFC 8785 §3.2.3), no
//! white space, strings escaped as ECMAScript's `JSON.stringify` does (which serde_json's
//! string writer matches: `\b \t \n \f \r \" \\`, other controls as `\u00xx` in lowercase, every
//! other character as itself). Integers are written as decimal digits, which is what
//! ECMAScript's number formatting gives for integers up to 2^53; a fractional number is outside
//! what a policy can hold and is written by serde_json's formatter (a test keeps policies
//! integral).

use serde_json::Value;

/// `value` in the canonical form of RFC 8785.
pub(crate) fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {
            // Scalars: serde_json writes them as RFC 8785 does (see the module's doc).
            out.push_str(&value.to_string());
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8785 §3.2.3, the sorting example (its numbers left out: a policy has none).
    #[test]
    fn rfc_8785_sorting_example() {
        let input = r#"{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
            "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}"#;
        let value: Value = serde_json::from_str(input).unwrap();
        let want = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}";
        assert_eq!(canonical_json(&value), want);
    }

    /// RFC 8785 §3.2.2.2, string escaping: the example's string, and every control character.
    #[test]
    fn rfc_8785_string_example() {
        let value: Value = serde_json::from_str(
            r#"{"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}"#,
        )
        .unwrap();
        assert_eq!(
            canonical_json(&value),
            "{\"literals\":[null,true,false],\"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"
        );
        let controls: String = (0u8..0x20).map(char::from).collect();
        let got = canonical_json(&Value::String(controls));
        assert_eq!(got, "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
    }

    #[test]
    fn nested_objects_and_integers() {
        let value: Value = serde_json::from_str(r#"{"b": [1, {"z": 0, "a": 4294967295}], "a": {}}"#).unwrap();
        assert_eq!(canonical_json(&value), r#"{"a":{},"b":[1,{"a":4294967295,"z":0}]}"#);
    }
}
