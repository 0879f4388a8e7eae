package org.contact755

import java.io.File
import java.time.Instant
import java.time.OffsetDateTime
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Every exported function and constructor, through the generated Kotlin and the host library. */
class ApiTest {
    private fun ts(text: String): Instant = OffsetDateTime.parse(text).toInstant()

    private val shift = WorksheetHeader(
        id = "W1",
        personnelId = "V300",
        date = "2016-03-17",
        assignment = Assignment.FIELD,
        area = "La Mirada",
    )

    private val entry = Entry(
        id = "E1",
        at = ts("2016-03-17T09:12:00-07:00"),
        activity = Activity.SELF_INITIATED,
        clearanceCodes = listOf("755"),
        contact = Contact(category = Category.RESIDENT, cardProvided = true),
    )

    private val dataset = """
        {
          "period": {"start": "2016-03-17", "end": "2016-03-17"},
          "personnel": [{"id": "D100", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
          "worksheets": [{
            "id": "W1", "personnel_id": "D100", "date": "2016-03-17",
            "assignment": "field", "area": "la  mirada ",
            "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs",
                         "clearance_codes": ["415"],
                         "contact": {"category": "resident", "card_provided": true}}],
            "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": true}
          }],
          "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}]
        }
    """.trimIndent()

    private fun rules(findings: List<Finding>) = findings.map { it.rule }

    // ---- rules() ----

    @Test
    fun `rules is the catalog in the SPEC's order`() {
        val catalog = rules()
        assertEquals(18, catalog.size)
        assertEquals("FP-CODE-755", catalog.first().id)
        assertEquals(catalog.map { it.id }.toSet().size, catalog.size)
        val details = catalog.single { it.id == "FP-755-DETAILS" }
        assertEquals(Severity.ADVISORY, details.severity)
        assertEquals(Scope.COVERED, details.scope)
        assertEquals(SubjectKind.ENTRY, details.subject)
        for (rule in catalog) {
            assertEquals(rule.severity == Severity.DATA, rule.citation == null, rule.id)
            assertTrue(rule.title.isNotBlank(), rule.id)
            assertTrue(rule.checks.isNotBlank(), rule.id)
            assertTrue(rule.enabled, rule.id)
            // Each rule's example is a vector of the project in which it fires.
            val example = File(Paths.vectors, rule.example)
            assertTrue(example.isFile, "${rule.id}: $example")
            assertTrue(example.readText().contains("\"${rule.id}\""), rule.example)
            assertNull(ConformanceTest.checkVector(example.readText()), rule.example)
        }
        assertEquals(SubjectKind.PERSONNEL, catalog.single { it.id == "SGT-BRIEFING" }.subject)
        // The plain catalog is the norwalk-2016 preset's.
        assertEquals(catalog, Policy.preset("norwalk-2016").use { it.rules() })
    }

    // ---- Policy constructors and settings ----

    @Test
    fun `norwalk2016 is the directive with the documented defaults`() {
        Policy.norwalk2016().use { policy ->
            val s = policy.settings()
            assertEquals("norwalk-2016", s.preset)
            assertEquals("Norwalk Station", s.station)
            assertEquals(Directive("Norwalk Station Unit Order 16-02", "Logging Community Relations Contacts", "2016-03-16"), s.directive)
            assertEquals(s.directive, policy.directive())
            assertEquals("[0-9A-Za-z]{1,8}", s.clearanceCodePattern)
            assertEquals("755", s.communityRelationsCode)
            assertEquals(listOf("Norwalk", "La Mirada", "Unincorporated Whittier"), s.coveredAreas)
            assertEquals(listOf(Role.SERGEANT), s.reviewerRoles)
            assertEquals(1u, s.minContactsPerShift)
            assertEquals(30u, s.briefingIntervalDays)
            assertEquals(10u, s.minCardsInVehicle)
            assertEquals(7u, s.cardCheckIntervalDays)
            // Every non-data rule, in catalog order, as the policy applies it.
            val applied = policy.rules().filter { it.severity != Severity.DATA }
            assertEquals(applied.map { it.id }, s.rules.map { it.rule })
            assertEquals(applied.map { Triple(it.severity, it.citation, it.enabled) }, s.rules.map { Triple(it.severity, it.citation, it.enabled) })
            // toJson is the core's policy object, with the settings' names.
            @Suppress("UNCHECKED_CAST")
            val json = Json.parse(policy.toJson()) as Map<String, Any?>
            assertEquals("norwalk-2016", json["preset"])
            @Suppress("UNCHECKED_CAST")
            assertEquals(s.rules.map { it.rule }, (json["rules"] as Map<String, Any?>).keys.toList())
        }
    }

    @Test
    fun `fromJson and fromToml override field by field`() {
        Policy.fromJson("""{"reviewer_roles": ["sergeant", "lieutenant"], "station": null}""").use {
            assertEquals(listOf(Role.SERGEANT, Role.LIEUTENANT), it.settings().reviewerRoles)
            assertEquals("Norwalk Station", it.settings().station)
        }
        Policy.fromToml("min_cards_in_vehicle = 20\ncovered_areas = [\"Cerritos\"]\n").use {
            assertEquals(20u, it.settings().minCardsInVehicle)
            assertEquals(listOf("Cerritos"), it.settings().coveredAreas)
            assertEquals(7u, it.settings().cardCheckIntervalDays)
        }
        Policy.norwalk2016().use { original ->
            Policy.fromJson(original.toJson()).use { assertEquals(original.settings(), it.settings()) }
        }
        Policy.fromJson("""{"rules": {"FP-CARD": {"severity": "advisory"}}}""").use { policy ->
            val card = policy.settings().rules.single { it.rule == "FP-CARD" }
            assertEquals(Severity.ADVISORY, card.severity)
            assertTrue(card.enabled)
            assertTrue(card.citation.startsWith("Field personnel shall provide"), card.citation)
        }
    }

    @Test
    fun `fromSettings takes a changed copy and the core checks it`() {
        val settings = Policy.norwalk2016().use { it.settings() }
        Policy.fromSettings(settings.copy(minContactsPerShift = 0u, reviewerRoles = listOf(Role.SERGEANT, Role.LIEUTENANT))).use {
            assertEquals(0u, it.settings().minContactsPerShift)
            assertEquals(2, it.settings().reviewerRoles.size)
        }
        val e = assertThrows<Contact755Exception.InvalidPolicy> {
            Policy.fromSettings(settings.copy(communityRelationsCode = "75 5"))
        }
        assertEquals("community_relations_code", e.path)
        assertEquals(InputErrorKind.INVALID_VALUE, e.kind)
        val blank = assertThrows<Contact755Exception.InvalidPolicy> {
            Policy.fromSettings(settings.copy(coveredAreas = listOf("Norwalk", " ")))
        }
        assertEquals("covered_areas[1]", blank.path)
        // The new settings: checked by the core's reader, at the core's paths, with no position
        // (the JSON the binding writes is no text the caller wrote).
        fun rejected(s: PolicySettings) = assertThrows<Contact755Exception.InvalidPolicy> { Policy.fromSettings(s) }
        val data = rejected(settings.copy(rules = settings.rules.map { if (it.rule == "FP-CARD") it.copy(severity = Severity.DATA) else it }))
        assertEquals("rules.FP-CARD.severity", data.path)
        assertNull(data.line)
        assertNull(data.column)
        assertEquals("rules.FP-NOPE", rejected(settings.copy(rules = settings.rules + settings.rules[0].copy(rule = "FP-NOPE"))).path)
        val twice = rejected(settings.copy(rules = settings.rules + settings.rules[1]))
        assertEquals(InputErrorKind.DUPLICATE_KEY, twice.kind)
        assertEquals("rules.FP-CARD", twice.path)
        assertEquals("rules.FP-CODE-755.citation", rejected(settings.copy(rules = settings.rules.map { it.copy(citation = " ") })).path)
        assertEquals("clearance_code_pattern", rejected(settings.copy(clearanceCodePattern = "(")).path)
        assertEquals("community_relations_code", rejected(settings.copy(clearanceCodePattern = "[A-Z]{3}")).path)
        assertEquals("directive.issued", rejected(settings.copy(directive = settings.directive.copy(issued = "2016-02-30"))).path)
        assertEquals("directive.id", rejected(settings.copy(directive = settings.directive.copy(id = " "))).path)
        assertEquals("preset", rejected(settings.copy(preset = "lakewood")).path)
        // A changed copy of every new kind of setting is taken whole.
        val changed = settings.copy(
            directive = Directive("Norwalk Station Unit Order 16-02A", "Logging Community Relations Contacts", null),
            clearanceCodePattern = "[0-9]{3}",
            rules = settings.rules.map { if (it.rule == "FP-CARD") it.copy(enabled = false, citation = "A card.") else it },
        )
        Policy.fromSettings(changed).use { assertEquals(changed, it.settings()) }
    }

    // ---- checkEntry ----

    @Test
    fun `checkEntry passes a correct contact and names what is wrong with the others`() {
        Policy.norwalk2016().use { policy ->
            assertEquals(emptyList<Finding>(), policy.checkEntry(shift, entry))
            assertEquals(emptyList<Finding>(), policy.checkEntry(shift, entry.copy(clearanceCodes = listOf(" 755 "))))

            val uncoded = policy.checkEntry(shift, entry.copy(clearanceCodes = listOf("415")))
            assertEquals(listOf("FP-CODE-755"), rules(uncoded))
            val f = uncoded.single()
            assertEquals(Severity.VIOLATION, f.severity)
            assertEquals("entry:W1/E1", f.subject)
            assertEquals("V300", f.personnelId)
            assertEquals("2016-03-17", f.date)
            assertTrue(f.message.isNotBlank())

            val noCard = entry.copy(contact = entry.contact!!.copy(cardProvided = false))
            assertEquals(listOf("FP-CARD"), rules(policy.checkEntry(shift, noCard)))
            assertEquals(listOf("FP-755-DETAILS"), rules(policy.checkEntry(shift, entry.copy(contact = null))))
            val codes = entry.copy(clearanceCodes = listOf("755", "7-55", "755"))
            assertEquals(listOf("DATA-CODE-DUPLICATE", "DATA-CODE-MALFORMED"), rules(policy.checkEntry(shift, codes)))
            // Outside the covered areas nothing of the FP rules applies.
            assertEquals(emptyList<Finding>(), policy.checkEntry(shift.copy(area = "Cerritos"), entry.copy(clearanceCodes = listOf())))
            assertEquals(emptyList<Finding>(), policy.checkEntry(shift.copy(assignment = Assignment.NON_FIELD, area = null), noCard))
        }
    }

    @Test
    fun `checkEntry compares instants whatever their offset`() {
        val bounded = shift.copy(shiftStart = ts("2016-03-17T08:00:00-07:00"), shiftEnd = ts("2016-03-17T16:00:00-07:00"))
        Policy.norwalk2016().use { policy ->
            // 15:30Z is 08:30 in Norwalk: inside the shift.
            assertEquals(emptyList<Finding>(), policy.checkEntry(bounded, entry.copy(at = ts("2016-03-17T15:30:00Z"))))
            val late = policy.checkEntry(bounded, entry.copy(at = ts("2016-03-18T00:00:01Z")))
            assertEquals(listOf("DATA-ENTRY-OUTSIDE-SHIFT"), rules(late))
            assertEquals(Severity.DATA, late.single().severity)
        }
    }

    @Test
    fun `checkEntry rejects a bad header or entry with the path of the field`() {
        Policy.norwalk2016().use { policy ->
            fun rejected(h: WorksheetHeader, e: Entry) = assertThrows<Contact755Exception.InvalidInput> { policy.checkEntry(h, e) }

            val date = rejected(shift.copy(date = "2016-02-30"), entry)
            assertEquals("worksheet.date", date.path)
            assertEquals(InputErrorKind.INVALID_VALUE, date.kind)
            assertNull(date.line)
            assertTrue(date.detail.contains("2016-02-30"), date.detail)
            assertEquals("worksheet.date", rejected(shift.copy(date = "17/03/2016"), entry).path)
            assertEquals("worksheet.id", rejected(shift.copy(id = ""), entry).path)
            assertEquals("worksheet.personnel_id", rejected(shift.copy(personnelId = "x".repeat(65)), entry).path)
            val area = rejected(shift.copy(area = null), entry)
            assertEquals("worksheet", area.path)
            assertEquals(InputErrorKind.CONSTRAINT, area.kind)
            assertEquals("entry.id", rejected(shift, entry.copy(id = "E\n1")).path)
            val other = rejected(shift, entry.copy(contact = Contact(Category.OTHER, true, description = "  ")))
            assertEquals("entry.contact", other.path)
            val long = rejected(shift, entry.copy(contact = Contact(Category.OTHER, true, description = "x".repeat(201))))
            assertEquals("entry.contact.description", long.path)
            assertEquals("entry.at", rejected(shift, entry.copy(at = Instant.MAX)).path)
            assertEquals("worksheet.shift_end", rejected(shift.copy(shiftEnd = Instant.MIN), entry).path)
        }
    }

    // ---- audit and auditJson ----

    @Test
    fun `audit gives typed findings and summary`() {
        Policy.norwalk2016().use { policy ->
            val report = policy.audit(dataset)
            assertEquals(listOf("FP-CODE-755", "FP-REGULAR", "SGT-CODIFICATION"), rules(report.findings))
            val codification = report.findings.last()
            assertEquals("worksheet:W1", codification.subject)
            assertEquals("S200", codification.personnelId)
            assertEquals(policy.settings(), report.policy)
            assertEquals(policy.fingerprint(), report.policySha256)
            val s = report.summary
            assertEquals(1uL, s.worksheetsAudited)
            assertEquals(1uL, s.worksheetsCovered)
            assertEquals(0uL, s.contacts755)
            assertEquals(1uL, s.cardsProvided)
            assertEquals(mapOf(Category.RESIDENT to 1uL), s.byCategory)
            assertEquals(emptyMap<Activity, ULong>(), s.byActivity)
            assertEquals(emptyMap<String, ULong>(), s.byArea)
            assertEquals(mapOf("FP-CODE-755" to 1uL, "FP-REGULAR" to 1uL, "SGT-CODIFICATION" to 1uL), s.findingsByRule)
            assertEquals(listOf("D100", "S200"), s.personnel.map { it.id })
            assertEquals(2uL, s.personnel.first().findings)
        }
    }

    @Test
    fun `auditJson is the SPEC report and agrees with audit`() {
        Policy.fromJson("""{"min_contacts_per_shift": 0}""").use { policy ->
            val text = policy.auditJson(dataset)
            assertTrue(text.endsWith("}\n"))
            @Suppress("UNCHECKED_CAST")
            val json = Json.parse(text) as Map<String, Any?>
            assertEquals(listOf("policy", "policy_sha256", "findings", "summary"), json.keys.toList())
            val report = policy.audit(dataset)
            assertEquals(report.findings.map { it.toJsonValue() }, json["findings"])
            assertEquals(report.policySha256, json["policy_sha256"])
            @Suppress("UNCHECKED_CAST")
            val summary = json["summary"] as Map<String, Any?>
            assertEquals(report.summary.worksheetsCovered.toLong(), summary["worksheets_covered"])
            assertEquals(report.summary.findingsByRule.mapValues { it.value.toLong() }, summary["findings_by_rule"])
            assertEquals(mapOf("resident" to 1L), summary["by_category"])
            @Suppress("UNCHECKED_CAST")
            assertEquals(report.policy.rules.map { it.rule }, ((json["policy"] as Map<String, Any?>)["rules"] as Map<String, Any?>).keys.toList())
            assertEquals(text, policy.auditJson(dataset), "the same input gives the same bytes")
        }
    }

    @Test
    fun `auditJson on the sample month is byte-identical with the Rust audit example`() {
        assumeTrue(Paths.sampleMonth.isFile && Paths.sampleReport.isFile) {
            "NOTICE: ${Paths.sampleReport} not found (scripts/test-kotlin.sh writes it); byte-identity check skipped"
        }
        val rust = Paths.sampleReport.readText()
        val kotlin = Policy.norwalk2016().use { it.auditJson(Paths.sampleMonth.readText()) }
        assertEquals(rust.length, kotlin.length)
        assertTrue(rust == kotlin, "auditJson differs from `cargo run --example audit -- --json`")
    }

    // ---- presets, rule settings, fingerprint (SPEC §6) ----

    @Test
    fun `presets are listed and each is a constructor`() {
        assertEquals(listOf("norwalk-2016", "compton-2018"), presets())
        for (name in presets()) {
            Policy.preset(name).use { assertEquals(name, it.settings().preset) }
        }
        Policy.norwalk2016().use { norwalk ->
            Policy.preset("norwalk-2016").use { assertEquals(norwalk.settings(), it.settings()) }
        }
        for (unknown in listOf({ Policy.preset("lakewood") }, { Policy.fromJson("""{"preset": "lakewood"}""") })) {
            val e = assertThrows<Contact755Exception.InvalidPolicy> { unknown() }
            assertEquals("preset", e.path)
            assertEquals(InputErrorKind.INVALID_VALUE, e.kind)
        }
    }

    @Test
    fun `the Compton preset makes FP-755-DETAILS a violation`() {
        val noDetails = entry.copy(contact = null)
        Policy.preset("compton-2018").use { compton ->
            val s = compton.settings()
            assertEquals("Compton Station", s.station)
            assertEquals(listOf("Compton"), s.coveredAreas)
            assertEquals(Directive("Compton Station 18-001", "Community Empowerment Program", null), compton.directive())
            val details = compton.rules().single { it.id == "FP-755-DETAILS" }
            assertEquals(Severity.VIOLATION, details.severity)
            assertTrue(details.citation!!.contains("shall make regular attempts"), details.citation)
            assertTrue(compton.rules().all { it.enabled })
            val found = compton.checkEntry(shift.copy(area = "Compton"), noDetails).single()
            assertEquals("FP-755-DETAILS", found.rule)
            assertEquals(Severity.VIOLATION, found.severity)
            // Outside its covered area the Compton order does not apply.
            assertEquals(emptyList<Finding>(), compton.checkEntry(shift, noDetails))
        }
        Policy.norwalk2016().use { norwalk ->
            assertEquals(Severity.ADVISORY, norwalk.rules().single { it.id == "FP-755-DETAILS" }.severity)
            assertEquals(Severity.ADVISORY, norwalk.checkEntry(shift, noDetails).single().severity)
        }
    }

    @Test
    fun `a disabled rule never fires through audit or checkEntry`() {
        Policy.fromJson("""{"rules": {"FP-CODE-755": {"enabled": false}}}""").use { policy ->
            assertFalse(policy.rules().single { it.id == "FP-CODE-755" }.enabled)
            assertFalse(policy.settings().rules.single { it.rule == "FP-CODE-755" }.enabled)
            val report = policy.audit(dataset)
            // SGT-CODIFICATION still counts the contact without a valid 755 (SPEC §6.2).
            assertEquals(listOf("FP-REGULAR", "SGT-CODIFICATION"), rules(report.findings))
            assertEquals(null, report.summary.findingsByRule["FP-CODE-755"])
            assertEquals(emptyList<Finding>(), policy.checkEntry(shift, entry.copy(clearanceCodes = listOf("415"))))
        }
        // The same through fromSettings.
        val settings = Policy.norwalk2016().use { it.settings() }
        val off = settings.copy(rules = settings.rules.map { if (it.rule == "FP-CARD") it.copy(enabled = false) else it })
        Policy.fromSettings(off).use { policy ->
            val noCard = entry.copy(contact = entry.contact!!.copy(cardProvided = false))
            assertEquals(emptyList<Finding>(), policy.checkEntry(shift, noCard))
            assertFalse(policy.rules().single { it.id == "FP-CARD" }.enabled)
        }
    }

    @Test
    fun `the clearance code pattern decides which codes are well-formed`() {
        Policy.fromToml("clearance_code_pattern = \"[0-9]{3}\"").use { policy ->
            assertEquals("[0-9]{3}", policy.settings().clearanceCodePattern)
            assertEquals(listOf("DATA-CODE-MALFORMED"), rules(policy.checkEntry(shift, entry.copy(clearanceCodes = listOf("755", "CR1")))))
            assertEquals(emptyList<Finding>(), policy.checkEntry(shift, entry))
        }
        val bad = assertThrows<Contact755Exception.InvalidPolicy> { Policy.fromJson("""{"clearance_code_pattern": "("}""") }
        assertEquals("clearance_code_pattern", bad.path)
    }

    @Test
    fun `the fingerprint depends on the rules applied, not on the file`() {
        val hex = Regex("[0-9a-f]{64}")
        val json = Policy.fromJson("""{"min_contacts_per_shift": 2, "covered_areas": ["Norwalk"], "rules": {"FP-CARD": {"enabled": false}}}""").use { it.fingerprint() }
        val toml = Policy.fromToml("min_contacts_per_shift = 2\ncovered_areas = [\"Norwalk\"]\n[rules.FP-CARD]\nenabled = false\n").use { it.fingerprint() }
        assertTrue(hex.matches(json), json)
        assertEquals(json, toml)
        val compton = Policy.preset("compton-2018").use { it.fingerprint() }
        assertEquals(compton, Policy.fromJson("""{"preset": "compton-2018"}""").use { it.fingerprint() })
        assertEquals(compton, Policy.fromToml("preset = \"compton-2018\"").use { it.fingerprint() })
        val norwalk = Policy.norwalk2016().use { it.fingerprint() }
        assertEquals(norwalk, Policy.fromJson("{}").use { it.fingerprint() })
        assertEquals(norwalk, Policy.fromJson("""{"min_cards_in_vehicle": 10}""").use { it.fingerprint() })
        assertEquals(norwalk, Policy.norwalk2016().use { p -> Policy.fromSettings(p.settings()).use { it.fingerprint() } })
        assertEquals(setOf(json, compton, norwalk).size, 3)
        // Any setting changes it, the informational directive included.
        assertNotEquals(norwalk, Policy.fromJson("""{"directive": {"id": "16-02", "title": "Logging"}}""").use { it.fingerprint() })
    }

    @Test
    fun `a report's policySha256 is its policy's fingerprint`() {
        for (name in presets()) {
            Policy.preset(name).use { policy ->
                val report = policy.audit(dataset)
                assertEquals(policy.fingerprint(), report.policySha256)
                assertEquals(policy.settings(), report.policy)
                @Suppress("UNCHECKED_CAST")
                assertEquals(policy.fingerprint(), (Json.parse(policy.auditJson(dataset)) as Map<String, Any?>)["policy_sha256"])
            }
        }
    }

    // ---- errors ----

    @Test
    fun `a rejected dataset is a typed exception with path, line and column`() {
        Policy.norwalk2016().use { policy ->
            val syntax = assertThrows<Contact755Exception.InvalidInput> { policy.audit("{\n  \"period\": ") }
            assertEquals(InputErrorKind.SYNTAX, syntax.kind)
            assertEquals("", syntax.path)
            assertEquals(2uL, syntax.line)
            assertNotNull(syntax.column)

            val at = dataset.replace("2016-03-17T09:12:00-07:00", "2016-03-17T09:12:00")
            val naive = assertThrows<Contact755Exception.InvalidInput> { policy.audit(at) }
            assertEquals("worksheets[0].entries[0].at", naive.path)
            assertEquals(InputErrorKind.INVALID_VALUE, naive.kind)
            assertNotNull(naive.line)

            val unknown = assertThrows<Contact755Exception.InvalidInput> { policy.auditJson(dataset.replace("\"area\"", "\"areas\"")) }
            assertEquals("worksheets[0].areas", unknown.path)
            assertEquals(InputErrorKind.UNKNOWN_FIELD, unknown.kind)

            val repeated = dataset.replace("\"personnel\":", "\"worksheets\": [], \"personnel\":")
            assertEquals(InputErrorKind.DUPLICATE_KEY, assertThrows<Contact755Exception.InvalidInput> { policy.audit(repeated) }.kind)

            val missing = assertThrows<Contact755Exception.InvalidInput> { policy.audit("""{"period": {"start": "2016-03-01", "end": "2016-03-31"}}""") }
            assertEquals(InputErrorKind.MISSING_FIELD, missing.kind)

            val period = assertThrows<Contact755Exception.InvalidInput> {
                policy.audit("""{"period": {"start": "2016-03-31", "end": "2016-03-01"}, "personnel": [], "worksheets": []}""")
            }
            assertEquals("period", period.path)
            assertEquals(InputErrorKind.CONSTRAINT, period.kind)
            // The core's own sentence, and every field in Throwable.message.
            assertTrue(period.toString().startsWith("period: "), period.toString())
            assertTrue(period.message.contains("path=period"), period.message)
            // Catchable as the common base class.
            val caught = runCatching<Unit> { policy.audit("[]") }.exceptionOrNull()
            assertTrue(caught is Contact755Exception, caught.toString())
        }
    }

    @Test
    fun `a rejected policy is a typed exception with the setting's name`() {
        val empty = assertThrows<Contact755Exception.InvalidPolicy> { Policy.fromJson("""{"covered_areas": []}""") }
        assertEquals("covered_areas", empty.path)
        assertEquals(InputErrorKind.INVALID_VALUE, empty.kind)
        assertEquals("policy covered_areas: at least one covered area is needed", empty.toString())
        val typo = assertThrows<Contact755Exception.InvalidPolicy> { Policy.fromJson("""{"min_contact_per_shift": 2}""") }
        assertEquals(InputErrorKind.UNKNOWN_FIELD, typo.kind)
        assertEquals("min_contact_per_shift", typo.path)
        val type = assertThrows<Contact755Exception.InvalidPolicy> { Policy.fromToml("min_contacts_per_shift = \"x\"") }
        assertEquals("min_contacts_per_shift", type.path)
        val syntax = assertThrows<Contact755Exception.InvalidPolicy> { Policy.fromToml("min_contacts_per_shift = ") }
        assertEquals(InputErrorKind.SYNTAX, syntax.kind)
        assertEquals(1uL, syntax.line)
        assertNotNull(syntax.column)
        val json = assertThrows<Contact755Exception.InvalidPolicy> { Policy.fromJson("{") }
        assertEquals(InputErrorKind.SYNTAX, json.kind)
    }

    // ---- object lifetime ----

    @Test
    fun `a policy released with use cannot be called again`() {
        val policy = Policy.norwalk2016()
        policy.use { assertEquals("755", it.settings().communityRelationsCode) }
        assertThrows<IllegalStateException> { policy.settings() }
        policy.close() // closing twice is harmless
        assertFalse(runCatching { policy.checkEntry(shift, entry) }.isSuccess)
    }
}
