package org.contact755

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * What people read (SPEC §8) through the binding: `Audit.toText/toCsv/toHtml/toXlsx`, the
 * comparison of two reports (`Audit.diff`, the top-level `diff`) and `Audit.fromJson`. The
 * renderings are the core's (a Rust test compares them byte for byte); these tests check what
 * the SPEC promises of them, on the sample month.
 */
class RenderTest {
    private val sample: String by lazy { Paths.sampleMonth.readText() }

    /** The sample month audited under the Norwalk directive, released after [body]. */
    private fun <T> sampleAudit(body: (Policy, Audit) -> T): T =
        Policy.norwalk2016().use { policy -> policy.auditDataset(sample).use { body(policy, it) } }

    /** A small month in which W1/E1 lacks its 755 until `codes` adds it. */
    private fun month(codes: String = "\"415\"", personnel: String = "D100") = """
        {"period": {"start": "2016-03-17", "end": "2016-03-17"},
         "personnel": [{"id": "$personnel", "role": "deputy"}, {"id": "S200", "role": "sergeant"}],
         "worksheets": [{"id": "W1", "personnel_id": "$personnel", "date": "2016-03-17",
           "assignment": "field", "area": "Norwalk",
           "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs",
             "clearance_codes": [$codes], "contact": {"category": "resident", "card_provided": true}}],
           "review": {"reviewer_id": "S200", "reviewed_on": "2016-03-18", "approved": false}}],
         "briefings": [{"id": "B1", "sergeant_id": "S200", "date": "2016-03-01"}]}
    """.trimIndent()

    @Test
    fun `the audit object is what audit and auditJson return`() {
        sampleAudit { policy, audit ->
            assertEquals(policy.audit(sample), audit.report())
            assertEquals(policy.auditJson(sample), audit.toJson())
            assertEquals(policy.fingerprint(), audit.policySha256())
            assertEquals(44, audit.report().findings.size)
        }
    }

    @Test
    fun `every format renders the sample month deterministically`() {
        sampleAudit { policy, a ->
            policy.auditDataset(sample).use { b ->
                // The same audit twice, and two audits of the same input: the same text and bytes.
                for (other in listOf(a, b)) {
                    assertEquals(a.toText(), other.toText())
                    assertEquals(a.toText(all = true, source = "sample-month.json"), other.toText(true, "sample-month.json"))
                    assertEquals(a.toCsv(), other.toCsv())
                    assertEquals(a.toHtml(), other.toHtml())
                    assertArrayEquals(a.toXlsx(), other.toXlsx())
                    assertEquals(a.toJson(), other.toJson())
                }
            }
        }
    }

    @Test
    fun `the text names the directive and the policy's fingerprint`() {
        sampleAudit { policy, audit ->
            val text = audit.toText()
            val directive = policy.directive()
            val line = text.lines().single { it.startsWith("Directive: ") }
            assertTrue(line.contains(directive.id) && line.contains(directive.title), line)
            assertTrue(line.contains(directive.issued!!), line)
            assertTrue(text.contains("Policy fingerprint: ${policy.fingerprint()} (preset norwalk-2016)"), text)
            assertTrue(text.contains("STATION SUMMARY"), text)
            assertTrue(text.contains("Period 2016-03-01 to 2016-03-31"), text)
            assertFalse(text.contains("Data: "))
            assertTrue(audit.toText(source = "march.json").contains("Data: march.json"))
            // Every rule that fired is named, and with `all` every finding's subject is listed.
            val all = audit.toText(all = true)
            for (f in audit.report().findings) {
                assertTrue(text.contains(f.rule), f.rule)
                assertTrue(all.contains(f.subject), f.subject)
            }
        }
    }

    @Test
    fun `the text lists eight findings of a rule unless all`() {
        // Nine worksheets of D100 with a contact but no 755: nine FP-CODE-755 findings.
        val worksheets = (1..9).joinToString(",") { i ->
            """{"id": "W$i", "personnel_id": "D100", "date": "2016-03-17", "assignment": "field", "area": "Norwalk",
               "entries": [{"id": "E1", "at": "2016-03-17T09:12:00-07:00", "activity": "obs", "clearance_codes": ["415"],
                             "contact": {"category": "resident", "card_provided": true}}]}"""
        }
        val dataset = """{"period": {"start": "2016-03-17", "end": "2016-03-17"},
            "personnel": [{"id": "D100", "role": "deputy"}], "worksheets": [$worksheets]}"""
        Policy.norwalk2016().use { policy ->
            policy.auditDataset(dataset).use { audit ->
                assertEquals(9, audit.report().findings.count { it.rule == "FP-CODE-755" })
                assertFalse(audit.toText().contains("entry:W9/E1"))
                assertTrue(audit.toText(all = true).contains("entry:W9/E1"))
            }
        }
    }

    @Test
    fun `the HTML is one self-contained page with the charts and the table of persons`() {
        sampleAudit { policy, audit ->
            val html = audit.toHtml()
            assertTrue(html.startsWith("<!DOCTYPE html>"), html.take(40))
            val lower = html.lowercase()
            for (external in listOf("<script", "src=", "href=", "<link", "@import", "url(")) {
                assertFalse(lower.contains(external), "the page holds $external")
            }
            for (id in listOf("chart-weekly", "chart-rules", "personnel")) {
                assertEquals(1, Regex("id=\"$id\"").findAll(html).count(), id)
            }
            assertTrue(html.contains(policy.fingerprint()))
            assertTrue(html.contains(policy.directive().id))
            assertTrue(Regex("<svg[^>]*id=\"chart-weekly\"").containsMatchIn(html), "the weekly chart is inline SVG")
        }
    }

    @Test
    fun `text from the dataset is escaped in the HTML`() {
        Policy.norwalk2016().use { policy ->
            policy.auditDataset(month(personnel = "<b>D1")).use { audit ->
                val html = audit.toHtml()
                assertTrue(html.contains("&lt;b&gt;D1"), "the id is shown as its characters")
                assertFalse(html.contains("<b>D1"), "the id became markup")
            }
        }
    }

    @Test
    fun `the XLSX is a workbook`() {
        sampleAudit { _, audit ->
            val xlsx = audit.toXlsx()
            assertTrue(xlsx.size > 1000, "${xlsx.size} bytes")
            assertEquals('P'.code.toByte(), xlsx[0])
            assertEquals('K'.code.toByte(), xlsx[1])
        }
    }

    @Test
    fun `the CSV has the SPEC's header and one line per finding in report order`() {
        sampleAudit { _, audit ->
            val csv = audit.toCsv()
            assertTrue(csv.endsWith("\n") && !csv.contains("\r"), "LF line ends")
            assertFalse(csv.startsWith("\uFEFF"), "no BOM")
            val lines = csv.removeSuffix("\n").split("\n")
            assertEquals("rule,severity,subject,personnel_id,date,message", lines.first())
            val findings = audit.report().findings
            assertEquals(findings.size + 1, lines.size)
            for ((f, line) in findings.zip(lines.drop(1))) {
                assertTrue(line.startsWith("${f.rule},${f.severity.specWord()},${f.subject},"), line)
            }
        }
    }

    @Test
    fun `a report compared with itself has nothing resolved and nothing new`() {
        sampleAudit { policy, audit ->
            val same = audit.diff(audit)
            assertEquals(audit.report().findings.size.toULong(), same.unchanged)
            assertEquals(emptyList<Finding>(), same.resolved)
            assertEquals(emptyList<Finding>(), same.new)
            assertEquals(policy.fingerprint(), same.beforePolicySha256)
            assertEquals(policy.fingerprint(), same.afterPolicySha256)
            // The same through the saved reports' text.
            assertEquals(same, diff(audit.toJson(), audit.toJson()))
        }
    }

    @Test
    fun `a corrected worksheet's findings are resolved`() {
        Policy.norwalk2016().use { policy ->
            policy.auditDataset(month()).use { returned ->
                policy.auditDataset(month("\"415\", \"755\"")).use { corrected ->
                    val d = returned.diff(corrected)
                    assertEquals(listOf("FP-CODE-755", "FP-REGULAR"), d.resolved.map { it.rule })
                    assertEquals(emptyList<Finding>(), d.new)
                    assertEquals(corrected.report().findings.size.toULong(), d.unchanged)
                    assertEquals(d, diff(returned.toJson(), corrected.toJson()))
                    // The other way round, the same findings are new.
                    val back = corrected.diff(returned)
                    assertEquals(d.resolved, back.new)
                    assertEquals(emptyList<Finding>(), back.resolved)
                }
            }
            // Reports under two policies: each side keeps its fingerprint.
            Policy.preset("compton-2018").use { compton ->
                val d = diff(policy.auditJson(month()), compton.auditJson(month()))
                assertEquals(policy.fingerprint(), d.beforePolicySha256)
                assertEquals(compton.fingerprint(), d.afterPolicySha256)
            }
        }
    }

    @Test
    fun `a text that is not a report is rejected with its path`() {
        val report = Policy.norwalk2016().use { it.auditJson(month()) }
        val before = assertThrows<Contact755Exception.InvalidInput> { diff("{}", report) }
        assertTrue(before.detail.startsWith("before report:"), before.detail)
        assertEquals(InputErrorKind.MISSING_FIELD, before.kind)
        val after = assertThrows<Contact755Exception.InvalidInput> { diff(report, report.replace("\"FP-CODE-755\"", "\"FP-NOPE\"")) }
        assertTrue(after.detail.startsWith("after report:"), after.detail)
        assertTrue(after.path.startsWith("findings[0]"), after.path)
        val syntax = assertThrows<Contact755Exception.InvalidInput> { Audit.fromJson("{") }
        assertEquals(InputErrorKind.SYNTAX, syntax.kind)
        // A report whose policy was edited no longer matches its fingerprint.
        val edited = report.replace("\"min_contacts_per_shift\": 1", "\"min_contacts_per_shift\": 2")
        assertNotEquals(report, edited)
        assertEquals("policy_sha256", assertThrows<Contact755Exception.InvalidInput> { Audit.fromJson(edited) }.path)
    }

    @Test
    fun `a saved report renders again without what its JSON leaves out`() {
        sampleAudit { _, audit ->
            Audit.fromJson(audit.toJson()).use { saved ->
                assertEquals(audit.toJson(), saved.toJson())
                assertEquals(audit.report().findings, saved.report().findings)
                assertEquals(audit.toCsv(), saved.toCsv())
                assertEquals(0, audit.diff(saved).resolved.size + audit.diff(saved).new.size)
                // The weekly series and the period are not in the JSON (SPEC §4).
                assertTrue(saved.toHtml().contains("The weekly series is not in this report"))
                assertFalse(audit.toHtml().contains("The weekly series is not in this report"))
                assertFalse(saved.toText().contains("Period 2016-03-01"))
            }
        }
    }
}
