//! A Python value (a `dict` dataset or policy) read as a serde data format with JSON's
//! semantics, so the core's own serde types read it as they read JSON.
//!
//! `pythonize`'s deserializer (used for the other direction, core values to Python) is lenient
//! where the SPEC is strict: it reads a `bool` from any object's truthiness (`float("nan")`
//! would be `true`), a list from any sequence or set (a set has no order), a map from any
//! mapping or dataclass. This reader accepts exactly the values `json.loads` can produce —
//! `dict` with `str` keys, `list`, `tuple`, `str`, `int`, `float`, `bool`, `None` — and anything
//! else is a type error at its path (the core tracks paths with serde_path_to_error).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::{
    self, value::Error, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

/// One Python value, read by its own type.
pub struct PyValue<'a, 'py>(pub &'a Bound<'py, PyAny>);

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string())
}

fn text<'a>(value: &'a Bound<'_, PyString>) -> Result<std::borrow::Cow<'a, str>, Error> {
    // A lone surrogate: a str that UTF-8 (and so JSON text) cannot hold.
    value.to_cow().map_err(|_| {
        de::Error::custom("invalid value: a string that is not valid Unicode (it holds a lone surrogate)")
    })
}

impl<'de> Deserializer<'de> for PyValue<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let v = self.0;
        if v.is_none() {
            visitor.visit_unit()
        } else if let Ok(b) = v.cast::<PyBool>() {
            visitor.visit_bool(b.is_true())
        } else if let Ok(i) = v.cast::<PyInt>() {
            if let Ok(n) = i.extract::<u64>() {
                visitor.visit_u64(n)
            } else if let Ok(n) = i.extract::<i64>() {
                visitor.visit_i64(n)
            } else {
                Err(de::Error::custom("invalid value: an integer too large for any count"))
            }
        } else if let Ok(f) = v.cast::<PyFloat>() {
            visitor.visit_f64(f.value())
        } else if let Ok(s) = v.cast::<PyString>() {
            visitor.visit_str(&text(s)?)
        } else if let Ok(d) = v.cast::<PyDict>() {
            let items: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = d.iter().collect();
            visitor.visit_map(DictAccess { items: items.into_iter(), value: None })
        } else if let Ok(l) = v.cast::<PyList>() {
            visitor.visit_seq(ListAccess { items: l.iter().collect::<Vec<_>>().into_iter() })
        } else if let Ok(t) = v.cast::<PyTuple>() {
            visitor.visit_seq(ListAccess { items: t.iter().collect::<Vec<_>>().into_iter() })
        } else {
            Err(de::Error::custom(format!("invalid type: a {} is not a JSON value", type_name(v))))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct DictAccess<'py> {
    items: std::vec::IntoIter<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    value: Option<Bound<'py, PyAny>>,
}

impl<'de> MapAccess<'de> for DictAccess<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.items.next() else { return Ok(None) };
        self.value = Some(value);
        // JSON object keys are strings: any other key is a type error (never a field index).
        let Ok(key) = key.cast::<PyString>() else {
            return Err(de::Error::custom(format!(
                "invalid type: a dict key of type {}, expected a str",
                type_name(&key)
            )));
        };
        let key: String = text(key)?.into_owned();
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(PyValue(&value)),
            None => Err(de::Error::custom("a value without a key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct ListAccess<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
}

impl<'de> SeqAccess<'de> for ListAccess<'_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        match self.items.next() {
            Some(item) => seed.deserialize(PyValue(&item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}
