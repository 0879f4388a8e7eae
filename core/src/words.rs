//! The SPEC's vocabularies: enums whose values are written as fixed words (`"deputy"`,
//! `"self_initiated"`, `"violation"`, ...).
//!
//! Every such enum is declared with [`word_enum!`], which writes its words once and derives
//! from them the serde reading and writing, [`Word::ALL`], [`Word::as_str`] and
//! [`Word::from_word`]. The bindings read the word lists through [`vocabularies`] and test
//! their own enums against them in both directions, so a word added here without a member in
//! Python or Kotlin fails a test.
//!
//! The serde reader asks the format for a *string* (`deserialize_str`). A value of another JSON
//! type (`"role": 3`) is then a type error at the field's path, where serde's derived enum
//! reader would ask for an enum and make serde_json report a syntax error with no path.

/// A vocabulary of the SPEC: an enum whose values are written as fixed words.
pub trait Word: Copy + Sized + 'static {
    /// The vocabulary's name, as [`vocabularies`] lists it (`"role"`).
    const VOCABULARY: &'static str;
    /// Every value, in declaration order (which is also the enum's `Ord`).
    const ALL: &'static [Self];
    /// The words of [`Self::ALL`], in the same order (aliases not included).
    const WORDS: &'static [&'static str];
    /// The SPEC's word for this value.
    fn as_str(self) -> &'static str;
    /// The value a word (or one of its aliases, such as `obs`) names.
    fn from_word(word: &str) -> Option<Self>;
}

/// Declares a word enum: the enum itself, [`Word`], `Display`, and serde both ways.
macro_rules! word_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident as $vocabulary:literal {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $word:literal $(| $alias:literal)* , )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )*
        }

        impl $crate::words::Word for $name {
            const VOCABULARY: &'static str = $vocabulary;
            const ALL: &'static [Self] = &[$( $name::$variant ),*];
            const WORDS: &'static [&'static str] = &[$( $word ),*];
            fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $word, )* }
            }
            fn from_word(word: &str) -> Option<Self> {
                match word { $( $word $(| $alias)* => Some($name::$variant), )* _ => None }
            }
        }

        impl $name {
            /// The SPEC's word for this value.
            pub fn as_str(self) -> &'static str {
                <Self as $crate::words::Word>::as_str(self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str($crate::words::WordVisitor::<$name>(::std::marker::PhantomData))
            }
        }
    };
}
pub(crate) use word_enum;

/// Reads a word as the value of a [`Word`] enum; any other JSON type is a type error.
pub(crate) struct WordVisitor<T>(pub(crate) std::marker::PhantomData<T>);

impl<T: Word> serde::de::Visitor<'_> for WordVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a {} word", T::VOCABULARY.replace('_', " "))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        // The same message as serde's derived enums give, naming the words.
        T::from_word(v).ok_or_else(|| E::unknown_variant(v, T::WORDS))
    }
}

/// Every vocabulary of the SPEC that crosses a language boundary, with its words in order:
/// `("role", ["deputy", "sergeant", ...])`. The bindings test their enums against this list.
///
/// ```
/// let vocabularies = contact755::vocabularies();
/// let (_, roles) = vocabularies.iter().find(|(name, _)| *name == "role").unwrap();
/// assert_eq!(roles[0], "deputy");
/// ```
pub fn vocabularies() -> Vec<(&'static str, &'static [&'static str])> {
    use crate::{Activity, Assignment, Category, InputErrorKind, Role, Scope, Severity, SubjectKind};
    fn entry<T: Word>() -> (&'static str, &'static [&'static str]) {
        (T::VOCABULARY, T::WORDS)
    }
    vec![
        entry::<Role>(),
        entry::<Assignment>(),
        entry::<Activity>(),
        entry::<Category>(),
        entry::<Severity>(),
        entry::<Scope>(),
        entry::<SubjectKind>(),
        entry::<InputErrorKind>(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Activity, Role};

    #[test]
    fn words_round_trip_and_aliases_read() {
        for (name, words) in vocabularies() {
            assert!(!words.is_empty(), "{name}");
        }
        for r in Role::ALL {
            assert_eq!(Role::from_word(r.as_str()), Some(*r));
        }
        assert_eq!(Activity::from_word("obs"), Some(Activity::SelfInitiated));
        assert_eq!(Activity::from_word("cfs"), Some(Activity::CallForService));
        assert_eq!(Activity::from_word("Obs"), None);
    }

    #[test]
    fn a_word_of_the_wrong_json_type_is_a_type_error() {
        let e = serde_json::from_str::<Role>("3").unwrap_err();
        assert!(e.to_string().starts_with("invalid type: integer `3`, expected a role word"), "{e}");
        let e = serde_json::from_str::<Role>("\"chief\"").unwrap_err();
        assert!(e.to_string().starts_with("unknown variant `chief`, expected one of `deputy`"), "{e}");
    }
}
