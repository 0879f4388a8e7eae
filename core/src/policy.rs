//! The station's settings (SPEC §3, "Policy").
//!
//! Every setting is declared once, in the `settings!` invocation below: its doc, its type, its
//! Norwalk default. The struct [`Policy`], the partial-override reader (JSON and TOML) and the
//! defaults are all generated from that one list, so adding a setting touches one place.

use serde::{Deserialize, Serialize};

use crate::error::{render_path, InputError, InputErrorKind, PolicyError};
use crate::model::Role;
use crate::rules::is_well_formed_code;

macro_rules! settings {
    ($( $(#[doc = $doc:literal])* $name:ident : $ty:ty = $default:expr ;)*) => {
        /// A station's settings: `Policy::norwalk_2016()` is the directive as written.
        ///
        /// Numbers the directive does not give are station settings; `0` turns that check off.
        /// Build one from defaults plus a partial override with [`Policy::from_json`] or
        /// [`Policy::from_toml`].
        ///
        /// ```
        /// use contact755::Policy;
        /// let p = Policy::from_toml("min_contacts_per_shift = 2").unwrap();
        /// assert_eq!(p.min_contacts_per_shift, 2);
        /// assert_eq!(p.community_relations_code, "755");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Policy {
            $( $(#[doc = $doc])* pub $name: $ty, )*
        }

        /// A partial policy: every setting optional; `null` keeps the default.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct PolicyOverrides {
            $( #[serde(default)] $name: Option<$ty>, )*
        }

        impl Policy {
            /// Norwalk Station's directive of March 16, 2016, with the documented defaults for
            /// the settings it leaves open.
            pub fn norwalk_2016() -> Policy {
                Policy { $( $name: $default, )* }
            }

            fn apply(mut self, o: PolicyOverrides) -> Policy {
                $( if let Some(v) = o.$name { self.$name = v; } )*
                self
            }
        }
    };
}

settings! {
    /// The station's name, printed in reports.
    station: String = "Norwalk Station".to_string();
    /// The clearance code that documents a community-relations contact (directive: "755").
    community_relations_code: String = "755".to_string();
    /// The areas the directive covers ("the Reporting Districts of Norwalk, La Mirada, and,
    /// Unincorporated Whittier"), compared case-insensitively after trimming and collapsing
    /// white space. Reports use this spelling.
    covered_areas: Vec<String> = vec![
        "Norwalk".to_string(),
        "La Mirada".to_string(),
        "Unincorporated Whittier".to_string(),
    ];
    /// Roles whose members may review Deputy Daily Worksheets (directive: sergeants).
    reviewer_roles: Vec<Role> = vec![Role::Sergeant];
    /// How many entries with a valid 755 make a covered shift's contact "regular"
    /// (`FP-REGULAR`); 0 turns the check off.
    min_contacts_per_shift: u32 = 1;
    /// A sergeant's briefing counts for this many days, the briefing day included
    /// ("re-current", `SGT-BRIEFING`); 0 turns the check off.
    briefing_interval_days: u32 = 30;
    /// The fewest "755" cards a checked patrol vehicle may hold ("a supply",
    /// `SGT-CARD-SUPPLY-LOW`); 0 turns the check off.
    min_cards_in_vehicle: u32 = 10;
    /// A vehicle check counts for this many days, its own day included
    /// (`SGT-CARD-SUPPLY-UNCHECKED`); 0 turns the check off.
    card_check_interval_days: u32 = 7;
}

impl Default for Policy {
    fn default() -> Self {
        Policy::norwalk_2016()
    }
}

impl Policy {
    /// The Norwalk defaults overridden field by field by a JSON object such as
    /// `{"min_contacts_per_shift": 2}`. Unknown fields, wrong types and nonsensical settings
    /// are rejected with the setting's name as the path.
    ///
    /// ```
    /// let p = contact755::Policy::from_json(r#"{"reviewer_roles": ["sergeant", "lieutenant"]}"#).unwrap();
    /// assert_eq!(p.reviewer_roles.len(), 2);
    /// assert!(contact755::Policy::from_json(r#"{"min_contact_per_shift": 2}"#).is_err());
    /// ```
    pub fn from_json(json: impl AsRef<[u8]>) -> Result<Policy, PolicyError> {
        let overrides: PolicyOverrides = crate::model::parse_json(json.as_ref())?;
        Policy::norwalk_2016().apply(overrides).validated()
    }

    /// The Norwalk defaults overridden field by field by a TOML document
    /// (`min_cards_in_vehicle = 20`).
    pub fn from_toml(toml_text: &str) -> Result<Policy, PolicyError> {
        let de = toml::de::Deserializer::parse(toml_text)
            .map_err(|e| PolicyError::from(crate::error::from_toml_error(&e, toml_text)))?;
        let overrides: PolicyOverrides = serde_path_to_error::deserialize(de).map_err(|e| {
            let mut err = crate::error::from_toml_error(e.inner(), toml_text);
            err.path = render_path(e.path());
            if !err.path.is_empty() || err.message.starts_with("unknown field") {
                err.kind = classify(&err.message);
            }
            PolicyError::from(err)
        })?;
        Policy::norwalk_2016().apply(overrides).validated()
    }

    /// Checks that the settings make sense: a well-formed code (1–8 letters or digits), at
    /// least one covered area (none blank), at least one reviewer role.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let err = |path: String, msg: String| {
            Err(PolicyError::from(InputError::at(InputErrorKind::InvalidValue, path, msg)))
        };
        if !is_well_formed_code(&self.community_relations_code) {
            return err(
                "community_relations_code".into(),
                "the community relations code must be 1 to 8 letters or digits".into(),
            );
        }
        if self.covered_areas.is_empty() {
            return err("covered_areas".into(), "at least one covered area is needed".into());
        }
        if let Some(i) = self.covered_areas.iter().position(|a| a.trim().is_empty()) {
            return err(format!("covered_areas[{i}]"), "an area name must not be blank".into());
        }
        if self.reviewer_roles.is_empty() {
            return err("reviewer_roles".into(), "at least one reviewer role is needed".into());
        }
        Ok(())
    }

    fn validated(self) -> Result<Policy, PolicyError> {
        self.validate().map(|()| self)
    }

    /// This policy as a pretty JSON object, every setting spelled out.
    pub fn to_json(&self) -> String {
        // A struct of strings, lists and integers always serializes.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn classify(message: &str) -> InputErrorKind {
    if message.starts_with("unknown field") {
        InputErrorKind::UnknownField
    } else if message.starts_with("invalid type") {
        InputErrorKind::InvalidType
    } else if message.starts_with("duplicate") {
        InputErrorKind::DuplicateKey
    } else {
        InputErrorKind::InvalidValue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_directive() {
        let p = Policy::norwalk_2016();
        assert_eq!(p.community_relations_code, "755");
        assert_eq!(p.covered_areas, ["Norwalk", "La Mirada", "Unincorporated Whittier"]);
        assert_eq!(p.reviewer_roles, [Role::Sergeant]);
        assert!(p.validate().is_ok());
    }

    #[test]
    fn json_overrides_field_by_field() {
        let p = Policy::from_json(r#"{"min_cards_in_vehicle": 0, "station": null}"#).unwrap();
        assert_eq!(p.min_cards_in_vehicle, 0);
        assert_eq!(p.station, "Norwalk Station");
        assert_eq!(p.briefing_interval_days, 30);
    }

    #[test]
    fn json_rejections_name_the_setting() {
        for (json, path, kind) in [
            (r#"{"covered_areas": []}"#, "covered_areas", InputErrorKind::InvalidValue),
            (r#"{"covered_areas": ["Norwalk", " "]}"#, "covered_areas[1]", InputErrorKind::InvalidValue),
            (r#"{"reviewer_roles": []}"#, "reviewer_roles", InputErrorKind::InvalidValue),
            (r#"{"reviewer_roles": ["chief"]}"#, "reviewer_roles[0]", InputErrorKind::InvalidValue),
            (r#"{"community_relations_code": ""}"#, "community_relations_code", InputErrorKind::InvalidValue),
            (
                r#"{"community_relations_code": "75 5"}"#,
                "community_relations_code",
                InputErrorKind::InvalidValue,
            ),
            (r#"{"min_contacts_per_shift": -1}"#, "min_contacts_per_shift", InputErrorKind::InvalidValue),
            (r#"{"min_contacts_per_shift": "2"}"#, "min_contacts_per_shift", InputErrorKind::InvalidType),
            (
                r#"{"min_contacts_per_shift": 1, "min_contacts_per_shift": 2}"#,
                "",
                InputErrorKind::DuplicateKey,
            ),
            (r#"{"colour": 1}"#, "colour", InputErrorKind::UnknownField),
            (r#"{"#, "", InputErrorKind::Syntax),
        ] {
            let e = Policy::from_json(json).unwrap_err();
            assert_eq!((e.path.as_str(), e.kind), (path, kind), "{json}: {e}");
        }
    }

    #[test]
    fn toml_overrides_and_rejections() {
        let p = Policy::from_toml("covered_areas = [\"Cerritos\"]\nmin_contacts_per_shift = 3\n").unwrap();
        assert_eq!(p.covered_areas, ["Cerritos"]);
        assert_eq!(p.min_contacts_per_shift, 3);
        let e = Policy::from_toml("min_contacts_per_shift = \"x\"").unwrap_err();
        assert_eq!(e.path, "min_contacts_per_shift");
        let e = Policy::from_toml("colour = 1").unwrap_err();
        assert_eq!(e.kind, InputErrorKind::UnknownField);
        let e = Policy::from_toml("min_contacts_per_shift = ").unwrap_err();
        assert_eq!((e.kind, e.line), (InputErrorKind::Syntax, Some(1)));
        let e = Policy::from_toml("covered_areas = []").unwrap_err();
        assert_eq!(e.path, "covered_areas");
    }
}
